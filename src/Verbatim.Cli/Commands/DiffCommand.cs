using System.CommandLine;
using System.Text;
using Verbatim.Common.IO;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;
using Verbatim.Cli.Output;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim diff A B</c>: explain how two artifacts differ, and why.</summary>
public static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var first = new Argument<string>("A") { Description = "The first file or directory." };
        var second = new Argument<string>("B") { Description = "The second file or directory." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report to FILE ('-' for stdout).", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report to FILE.", HelpName = "FILE" };
        var text = new Option<string?>("--text") { Description = "Write the text report to FILE instead of stdout ('-' for stdout).", HelpName = "FILE" };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip members whose path or name matches GLOB (repeatable).", HelpName = "GLOB", AllowMultipleArgumentsPerToken = false };
        var maxDepth = new Option<int>("--max-depth") { Description = "Open nested containers at most this deep.", DefaultValueFactory = _ => new DiffOptions().MaxDepth };
        var maxReport = new Option<long>("--max-report-size") { Description = "Stop adding detail once the report reaches this many bytes.", HelpName = "BYTES", DefaultValueFactory = _ => new DiffOptions().MaxReportBytes };
        var maxMember = new Option<long>("--max-member-size") { Description = "The largest size one member may expand to.", HelpName = "BYTES", DefaultValueFactory = _ => new DiffOptions().MaxMemberBytes };
        var maxExpansion = new Option<long>("--max-expansion") { Description = "The total bytes the run may decompress.", HelpName = "BYTES", DefaultValueFactory = _ => new DiffOptions().MaxExpansionBytes };
        var maxRatio = new Option<double>("--max-ratio") { Description = "The largest compression ratio accepted for a member over 1 MiB; beyond it the member is not expanded.", HelpName = "RATIO", DefaultValueFactory = _ => new DiffOptions().MaxCompressionRatio };
        var maxExpansionRatio = new Option<double>("--max-expansion-ratio") { Description = "The run may decompress at most this many times its inputs' size (at least 1 GiB; 0: no such limit).", HelpName = "RATIO", DefaultValueFactory = _ => new DiffOptions().MaxExpansionRatio };
        var timeout = new Option<int>("--member-timeout") { Description = "Seconds one member's comparison may take before it is compared as bytes.", HelpName = "SECONDS", DefaultValueFactory = _ => (int)new DiffOptions().MemberTimeout.TotalSeconds };

        var command = new Command("diff", "Explain how two artifacts differ, and why. Exit 0 identical, 1 different, 2 usage or unreadable input.")
        {
            first, second, json, html, text, exclude, maxDepth, maxReport, maxMember, maxExpansion, maxRatio, maxExpansionRatio, timeout,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DiffOptions
            {
                MaxDepth = parse.GetValue(maxDepth),
                MaxReportBytes = parse.GetValue(maxReport),
                MaxMemberBytes = parse.GetValue(maxMember),
                MaxExpansionBytes = parse.GetValue(maxExpansion),
                MaxCompressionRatio = parse.GetValue(maxRatio),
                MaxExpansionRatio = parse.GetValue(maxExpansionRatio),
                MemberTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                Excludes = parse.GetValue(exclude) ?? [],
            };
            return await RunAsync(cli, parse.GetValue(first)!, parse.GetValue(second)!, options, parse.GetValue(json), parse.GetValue(html), parse.GetValue(text), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string a, string b, DiffOptions options, string? json, string? html, string? text, CancellationToken cancellationToken)
    {
        DiffResult result;
        try
        {
            result = await new DiffEngine(FormatRegistry.Default, options).CompareAsync(a, b, cancellationToken).ConfigureAwait(false);
        }
        catch (InputException e)
        {
            await cli.Error.WriteLineAsync($"verbatim diff: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        // Interrupted between the comparison and the reports: write none (the caller prints "interrupted").
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (json is not null)
            {
                cli.WriteOutput(json, s => JsonReport.Write(s, result.Path1, result.Path2, result.Root, result.Summary));
            }

            if (html is not null)
            {
                cli.WriteOutput(html, s => s.Write(Encoding.UTF8.GetBytes(HtmlReport.Render(result.Path1, result.Path2, result.Root, result.Summary, options.MaxReportBytes))));
            }

            var report = TextReport.Render(result.Path1, result.Path2, result.Root, result.Summary);
            if (text is not null && text != "-")
            {
                cli.WriteOutput(text, s => s.Write(Encoding.UTF8.GetBytes(report)));
            }
            else if (json != "-" && html != "-")
            {
                new Terminal(cli).WriteReport(report);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await cli.Error.WriteLineAsync($"verbatim diff: cannot write the report: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        return result.Identical ? ExitCodes.Ok : ExitCodes.Different;
    }

    /// <summary>Writes to stdout for '-', else atomically to the target (a temporary beside it, renamed over it when complete).</summary>
}
