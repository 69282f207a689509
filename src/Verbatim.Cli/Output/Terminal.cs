using Spectre.Console;

namespace Verbatim.Cli.Output;

/// <summary>Writes reports to a command's output: colour only when it is a terminal and NO_COLOR is not set.</summary>
public sealed class Terminal
{
    private readonly CliContext cli;
    private readonly Lazy<IAnsiConsole> console;

    public Terminal(CliContext cli)
    {
        this.cli = cli;
        console = new Lazy<IAnsiConsole>(() => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = cli.UseColor ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = cli.UseColor ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = cli.UseColor ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(cli.Out),
        }));
    }

    public bool UseColor => cli.UseColor;

    public IAnsiConsole Out => console.Value;

    /// <summary>Writes a text report, colouring diff lines, causes and headings on a terminal.</summary>
    public void WriteReport(string report)
    {
        if (!UseColor)
        {
            cli.Out.Write(report);
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
