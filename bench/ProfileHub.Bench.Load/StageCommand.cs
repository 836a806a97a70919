using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using ProfileHub.Contracts;
using ProfileHub.Grpc.Client;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>
/// <c>stage</c>: real GetJourneyStage calls for one identifier, reporting which layer answered the
/// last one (the first may fill the caches); optionally writes the gRPC-framed request body h2load
/// posts, and checks the layer.
/// </summary>
internal static class StageCommand
{
    public const string Usage =
        "stage --address URL (--type T --value V | --pick PATH) [--calls 3] [--expect MEMORY|REDIS|STORE] [--write-body PATH]";

    public static async Task<int> RunAsync(CommandArguments arguments)
    {
        var address = arguments.Text("address");
        var pick = arguments.Optional("pick");
        var (type, value) = pick is null ? (arguments.Text("type"), arguments.Text("value")) : ReadPick(pick);
        var calls = arguments.Number("calls", 3);
        var expect = arguments.Optional("expect");
        var bodyPath = arguments.Optional("write-body");
        arguments.RejectUnknown();

        var request = new V1.GetJourneyStageRequest { Lookup = new V1.ProfileLookup { Identifier = new V1.Identifier { Type = type, Value = value } } };
        if (bodyPath is not null)
        {
            await File.WriteAllBytesAsync(bodyPath, Framed(request));
        }

        using var channel = GrpcChannel.ForAddress(address);
        if (!await Calls.WaitUntilServingAsync(channel, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"{address} did not report SERVING within 60 s");
            return 1;
        }

        V1.JourneyStageResponse? last = null;
        var layers = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            last = await channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, request, Calls.Within(TimeSpan.FromSeconds(10)));
            layers.Add(Layer(last.ServedFrom));
        }

        if (last is null)
        {
            Console.Error.WriteLine("--calls must be at least 1");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GetJourneyStage({type}) -> profile {last.ProfileId} stage \"{last.Stage}\" (order {last.StageOrder}) version {last.Version} at_risk {last.AtRisk}; served_from per call: {string.Join(" ", layers)}; framed response {Framed(last).Length} bytes"));
        if (expect is not null && !string.Equals(layers[^1], expect, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"expected the last call to be served from {expect}, got {layers[^1]}");
            return 1;
        }

        return 0;
    }

    private static string Layer(V1.ServedFrom servedFrom) => servedFrom switch
    {
        V1.ServedFrom.Memory => "MEMORY",
        V1.ServedFrom.Redis => "REDIS",
        V1.ServedFrom.Store => "STORE",
        _ => "UNSPECIFIED",
    };

    /// <summary>The gRPC length-prefixed message: 0 (not compressed), 4-byte big-endian length, the message.</summary>
    private static byte[] Framed(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    private static (string Type, string Value) ReadPick(string path)
    {
        var parts = File.ReadAllText(path).TrimEnd('\n').Split('\t');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new ArgumentException($"{path}: expected \"type<TAB>value\"");
    }
}
