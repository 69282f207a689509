using System.Text;

namespace Verbatim.Cli;

/// <summary>
/// What a command may touch of the world it runs in: its output and error writers, a way to open standard output
/// for bytes, whether standard output is a colour terminal, and the environment variables. The real process passes
/// <see cref="FromConsole"/>; tests pass writers of their own and run the CLI in-process.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Opens standard output for bytes (a JSON or HTML report to '-'); the caller disposes the stream.</summary>
    public required Func<Stream> OpenStandardOutput { get; init; }

    /// <summary>True when standard output is a terminal that takes colour and animation.</summary>
    public bool UseColor { get; init; }

    /// <summary>The environment variables the commands may read (SOURCE_DATE_EPOCH, VERBATIM_KEY…).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The value of environment variable <paramref name="name"/>, or null when it is not set.</summary>
    public string? Variable(string name) => Environment.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Writes a report to <paramref name="target"/>: standard output for <c>-</c>, else the file, atomically (a reader
    /// never sees half a report, and a failed write leaves the old file).
    /// </summary>
    public void WriteOutput(string target, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (target == "-")
        {
            using var stdout = OpenStandardOutput();
            write(stdout);
            return;
        }

        Verbatim.Common.IO.AtomicWrite.Stream(target, write);
    }

    /// <summary>The process's own console and environment.</summary>
    public static CliContext FromConsole()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        var color = !Console.IsOutputRedirected && !variables.ContainsKey("NO_COLOR") && (variables.GetValueOrDefault("TERM") is not "dumb");
        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            OpenStandardOutput = Console.OpenStandardOutput,
            UseColor = color,
            Environment = variables,
        };
    }

    /// <summary>A context whose output and error are collected in memory (and whose standard output bytes go to <paramref name="stdout"/>).</summary>
    public static CliContext InMemory(StringWriter output, StringWriter error, IReadOnlyDictionary<string, string>? environment = null, MemoryStream? stdout = null) => new()
    {
        Out = output,
        Error = error,
        OpenStandardOutput = () => new StdoutCapture(stdout, output),
        UseColor = false,
        Environment = environment ?? new Dictionary<string, string>(),
    };

    /// <summary>Bytes written to standard output in memory: kept in a stream when given, else decoded into the text writer.</summary>
    private sealed class StdoutCapture(MemoryStream? bytes, StringWriter text) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (bytes is not null)
                {
                    WriteTo(bytes);
                }
                else
                {
                    text.Write(Encoding.UTF8.GetString(ToArray()));
                }
            }

            base.Dispose(disposing);
        }
    }
}
