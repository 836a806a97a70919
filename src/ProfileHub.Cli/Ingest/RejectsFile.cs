using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProfileHub.Cli.Ingest;

/// <summary>
/// The rejected records of a run as JSON Lines: <c>{"line":N,"error":"…","raw":"…"}</c>. Created on the
/// first reject so a clean run leaves no file (relaxed escaping keeps the raw line readable; it is a file, not HTML); a previous run's file at the same path is removed first.
/// </summary>
internal sealed class RejectsFile(string path) : IAsyncDisposable
{
    private StreamWriter? _writer;

    public string Path { get; } = path;

    public long Count { get; private set; }

    public void RemoveStale()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }

    public async Task WriteAsync(long line, string error, string raw, CancellationToken cancellationToken)
    {
        _writer ??= new StreamWriter(Path, append: false, new UTF8Encoding(false));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("line", line);
            json.WriteString("error", error);
            json.WriteString("raw", raw);
            json.WriteEndObject();
        }

        await _writer.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken);
        Count++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
