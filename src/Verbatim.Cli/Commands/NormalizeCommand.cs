using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verbatim.Cli.Output;
using Verbatim.Normalize.Engine;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim normalize FILE...</c>: remove the nondeterminism archive tools put into artifacts.</summary>
public static class NormalizeCommand
{
    private const int MaxRowsPerFile = 40;

    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("FILE") { Description = "The artifacts to normalize.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the result to OUT (a directory when several files are given) instead of rewriting in place.", HelpName = "OUT" };
        var inPlace = new Option<bool>("--in-place") { Description = "Rewrite each file in place, atomically (the default)." };
        var timestamp = new Option<long?>("--timestamp") { Description = "The reference time (Unix seconds); default: SOURCE_DATE_EPOCH.", HelpName = "EPOCH" };
        var check = new Option<bool>("--check") { Description = "Change nothing; report what would change (exit 1 when something would)." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report to FILE ('-' for stdout).", HelpName = "FILE" };
        var only = new Option<string?>("--only") { Description = "Apply only these normalizations (comma-separated ids; see docs/normalize.md).", HelpName = "ID,..." };
        var skip = new Option<string?>("--skip") { Description = "Apply the default normalizations except these.", HelpName = "ID,..." };
        var with = new Option<string?>("--with") { Description = "Apply the default normalizations and these (e.g. gzip-recompress).", HelpName = "ID,..." };
        var setTimes = new Option<bool>("--set-times") { Description = "Set every time to the reference time instead of clamping later ones to it." };
        var command = new Command("normalize", "Remove the nondeterminism archive tools put into artifacts (times, order, owners, random ids). Exit 0 done or nothing to do, 1 --check found changes, 2 usage error or a file left untouched.")
        {
            files, output, inPlace, timestamp, check, json, only, skip, with, setTimes,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var selection = Selection.Parse(parse.GetValue(only), parse.GetValue(skip), parse.GetValue(with));
            return Task.FromResult(Run(cli,
                parse.GetValue(files) ?? [], parse.GetValue(output), parse.GetValue(inPlace), parse.GetValue(timestamp), parse.GetValue(check), parse.GetValue(json),
                selection, parse.GetValue(setTimes), cancellationToken));
        });
        return command;
    }

    private static int Run(CliContext cli, string[] files, string? output, bool inPlace, long? timestamp, bool check, string? json, Selection selection, bool setTimes, CancellationToken cancellationToken)
    {
        if ((Usage(files, output, inPlace, check) ?? selection.Problem) is { } usage)
        {
            cli.Error.WriteLine($"verbatim normalize: {usage}");
            return ExitCodes.UsageOrInput;
        }

        if (ReferenceTime(cli, timestamp) is not { } reference)
        {
            cli.Error.WriteLine("verbatim normalize: no reference time: pass --timestamp EPOCH or set SOURCE_DATE_EPOCH");
            return ExitCodes.UsageOrInput;
        }

        var normalizer = new FileNormalizer(NormalizerRegistry.Default, new NormalizeOptions { ReferenceTime = reference, Selected = selection.Ids, SetTimes = setTimes });
        var outcomes = new List<FileOutcome>();
        foreach (var file in files)
        {
            outcomes.Add(normalizer.Run(file, OutputFor(file, output, files.Length), check, cancellationToken));
        }

        foreach (var failed in outcomes.Where(o => o.Status == NormalizeStatus.Failed))
        {
            cli.Error.WriteLine($"verbatim normalize: {failed.Path}: left untouched: {failed.Reason}");
        }

        try
        {
            if (json is not null)
            {
                WriteJson(cli, json, outcomes, reference, check);
            }

            if (json != "-")
            {
                WriteTables(cli, outcomes, check);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cli.Error.WriteLine($"verbatim normalize: cannot write the report: {e.Message}");
            return ExitCodes.UsageOrInput;
        }

        return outcomes.Any(o => o.Status == NormalizeStatus.Failed) ? ExitCodes.UsageOrInput
            : outcomes.Any(o => o.Status == NormalizeStatus.WouldChange) ? ExitCodes.Different
            : ExitCodes.Ok;
    }

    private static string? Usage(string[] files, string? output, bool inPlace, bool check)
    {
        if (output is not null && inPlace)
        {
            return "-o and --in-place cannot be used together";
        }

        if (check && (output is not null || inPlace))
        {
            return "--check writes nothing: it cannot be used with -o or --in-place";
        }

        if (output is not null && files.Length > 1 && !Directory.Exists(output))
        {
            return $"-o {output}: with several files, OUT must be an existing directory";
        }

        return null;
    }

    /// <summary>The normalizations chosen by --only, --skip and --with, or the reason they cannot be used.</summary>
    private sealed record Selection(IReadOnlySet<string> Ids, string? Problem)
    {
        public static Selection Parse(string? only, string? skip, string? with)
        {
            if (only is not null && (skip is not null || with is not null))
            {
                return new(Normalizations.Defaults, "--only cannot be used with --skip or --with");
            }

            var unknown = new[] { only, skip, with }.SelectMany(Split).Where(id => Normalizations.Find(id) is null).ToList();
            if (unknown.Count > 0)
            {
                return new(Normalizations.Defaults, $"unknown normalization {string.Join(", ", unknown)}; valid ids: {string.Join(", ", Normalizations.All.Select(n => n.Id))}");
            }

            var ids = only is not null ? Split(only).ToHashSet(StringComparer.Ordinal) : Normalizations.Defaults.Union(Split(with)).Except(Split(skip)).ToHashSet(StringComparer.Ordinal);
            return new(ids, null);
        }

        private static IEnumerable<string> Split(string? list) =>
            (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static long? ReferenceTime(CliContext cli, long? timestamp)
    {
        if (timestamp is not null)
        {
            return timestamp;
        }

        var variable = cli.Variable("SOURCE_DATE_EPOCH");
        return long.TryParse(variable, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? OutputFor(string file, string? output, int count) =>
        output is null ? null : count > 1 || Directory.Exists(output) ? Path.Combine(output, Path.GetFileName(file)) : output;

    private static void WriteJson(CliContext cli, string target, IReadOnlyList<FileOutcome> outcomes, long reference, bool check)
    {
        cli.WriteOutput(target, stream => NormalizeReport.Write(stream, outcomes, reference, check));
    }

    private static void WriteTables(CliContext cli, IReadOnlyList<FileOutcome> outcomes, bool check)
    {
        var console = new Terminal(cli).Out;
        var summary = new Table().AddColumns("File", "Handler", "Status", "Changes");
        foreach (var outcome in outcomes)
        {
            var status = NormalizeReport.StatusName(outcome.Status);
            var colour = outcome.Status switch { NormalizeStatus.Failed => "red", NormalizeStatus.Unchanged => "green", _ => "yellow" };
            summary.AddRow(
                Markup.Escape(outcome.Path),
                Markup.Escape(outcome.Handler ?? "-"),
                $"[{colour}]{Markup.Escape(status)}[/]",
                Markup.Escape(outcome.Reason ?? outcome.Changes.Count.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(summary);
        foreach (var outcome in outcomes.Where(o => o.Changes.Count > 0))
        {
            var table = new Table { Title = new TableTitle(Markup.Escape($"{outcome.Path}: {(check ? "would change" : "changed")}")) }.AddColumns("Member", "Field", "From", "To").AddColumn(new TableColumn("Normalization").NoWrap());
            foreach (var change in outcome.Changes.Take(MaxRowsPerFile))
            {
                table.AddRow(Markup.Escape(change.Member.Length == 0 ? "(file)" : change.Member), Markup.Escape(change.Field), Markup.Escape(change.From ?? "-"), Markup.Escape(change.To ?? "(removed)"), Markup.Escape(change.Id));
            }

            if (outcome.Changes.Count > MaxRowsPerFile)
            {
                table.AddRow($"… and {outcome.Changes.Count - MaxRowsPerFile} more", "", "", "", "");
            }

            console.Write(table);
        }
    }
}
