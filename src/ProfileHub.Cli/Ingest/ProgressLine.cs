using System.Diagnostics;
using System.Globalization;

namespace ProfileHub.Cli.Ingest;

/// <summary>
/// Progress on stderr: a line redrawn in place when stderr is a terminal, a plain line every few seconds
/// when it is redirected (CI logs, files), nothing when quiet.
/// </summary>
internal sealed class ProgressLine(bool quiet)
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _last = TimeSpan.Zero;
    private bool _drawn;

    public TimeSpan Elapsed => _clock.Elapsed;

    public static double Rate(long records, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? records / elapsed.TotalSeconds : 0;

    public void Report(long sent, long acknowledged, long rejected)
    {
        var now = _clock.Elapsed;
        if (quiet || now - _last < (_terminal ? TerminalInterval : LogInterval))
        {
            return;
        }

        _last = now;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"ingest: {sent:N0} sent, {acknowledged:N0} committed, {rejected:N0} rejected, {Rate(sent, now):N0} records/s, {now.TotalSeconds:0.0}s");
        if (_terminal)
        {
            Console.Error.Write("\r" + text.PadRight(79));
            _drawn = true;
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            Console.Error.WriteLine();
        }
    }
}
