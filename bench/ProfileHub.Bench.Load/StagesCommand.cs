using ProfileHub.Contracts;
using ProfileHub.Grpc.Client;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary><c>stages</c>: prints the server's stage catalog (ListStages) and checks its keys.</summary>
internal static class StagesCommand
{
    public const string Usage = "stages --address URL [--expect-keys key1,key2,...]";

    public static async Task<int> RunAsync(CommandArguments arguments)
    {
        var address = arguments.Text("address");
        var expected = arguments.Optional("expect-keys");
        arguments.RejectUnknown();

        using var channel = GrpcChannel.ForAddress(address);
        if (!await Calls.WaitUntilServingAsync(channel, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"{address} did not report SERVING within 60 s");
            return 1;
        }

        var response = await channel.UnaryAsync(ProfileHubMethods.ListStages, new V1.ListStagesRequest(), Calls.Within(TimeSpan.FromSeconds(10)));
        var keys = string.Join(",", response.Stages.Select(s => s.Key));
        Console.WriteLine($"stages: {string.Join("; ", response.Stages.Select(s => $"{s.Order} {s.Key} ({s.Rule})"))}");
        if (expected is not null && keys != expected)
        {
            Console.Error.WriteLine($"expected stage keys {expected}, the server has {keys}");
            return 1;
        }

        return 0;
    }
}
