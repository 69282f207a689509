using Spectre.Console;

namespace Verbatim.Cli.Output;

/// <summary>Writes reports to the terminal: colour only when stdout is a terminal and NO_COLOR is not set.</summary>
public static class Terminal
{
    private static readonly Lazy<IAnsiConsole> StdOut = new(() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = UseColor ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = UseColor ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(Console.Out),
    }));

    public static bool UseColor =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    public static IAnsiConsole Out => StdOut.Value;

    /// <summary>Writes a text report, colouring diff lines, causes and headings on a terminal.</summary>
    public static void WriteReport(string report)
    {
        if (!UseColor)
        {
            Console.Out.Write(report);
            return;
        }

        foreach (var line in report.Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '│', '├', '└', '─');
            var style = trimmed switch
            {
                _ when trimmed.StartsWith("│ -", StringComparison.Ordinal) || trimmed.StartsWith("- ", StringComparison.Ordinal) => "red",
                _ when trimmed.StartsWith("│ +", StringComparison.Ordinal) || trimmed.StartsWith("+ ", StringComparison.Ordinal) => "green",
                _ when trimmed.Contains("⚑ cause:", StringComparison.Ordinal) => "yellow",
                _ when trimmed.StartsWith("@@", StringComparison.Ordinal) || trimmed.StartsWith("│ @", StringComparison.Ordinal) => "cyan",
                _ when line.StartsWith("verbatim diff:", StringComparison.Ordinal) => "bold",
                _ => null,
            };
            Out.MarkupLine(style is null ? Markup.Escape(line) : $"[{style}]{Markup.Escape(line)}[/]");
        }
    }
}
