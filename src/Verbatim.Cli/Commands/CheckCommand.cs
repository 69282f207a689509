using System.CommandLine;
using System.Globalization;
using System.Text;
using Verbatim.Build.Recipes;
using Verbatim.Check;
using Verbatim.Check.Reports;
using Verbatim.Check.Variations;
using Verbatim.Cli.Output;
using Verbatim.Common.IO;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Reports;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim check RECIPE|DIR</c>: build under varied environments, compare, and name the variation that breaks reproducibility.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext cli)
    {
        var recipe = new Argument<string>("RECIPE") { Description = "A recipe file, or a folder holding verbatim.yaml." };
        var variations = new Option<string?>("--variations") { Description = "Variations to apply, reprotest's spelling: all (default), -all, +time,-user_group, time,umask…", HelpName = "LIST" };
        var runs = new Option<int>("--runs") { Description = "Build the control this many times (at least 2) to say how often it differs from itself.", HelpName = "N", DefaultValueFactory = _ => 2 };
        var noBisect = new Option<bool>("--no-bisect") { Description = "Do not search for the smallest set of variations behind each difference." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (verbatim-check/1) to FILE ('-' for stdout).", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write the difference as a self-contained HTML report to FILE.", HelpName = "FILE" };
        var command = new Command("check", "Build a control and experiments under varied environments (clock, time zone, locale, build path, file order…), compare every output, and name the variations behind each difference. Exit 0 reproducible, 1 not reproducible or flaky, 2 bad recipe or the control build failed.")
        {
            recipe, variations, runs, noBisect, json, html,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<IVariation> chosen;
            try
            {
                chosen = VariationSelection.Parse(parse.GetValue(variations));
            }
            catch (ArgumentException e)
            {
                await cli.Error.WriteLineAsync($"verbatim check: --variations: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            if (parse.GetValue(runs) < 2)
            {
                await cli.Error.WriteLineAsync("verbatim check: --runs must be at least 2 (the control is compared with itself)").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            Recipe loaded;
            try
            {
                loaded = CheckRunner.LoadRecipe(parse.GetValue(recipe)!);
            }
            catch (RecipeException e)
            {
                await cli.Error.WriteLineAsync($"verbatim check: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            if (BuildLocations.Cache(cli) is not { } store)
            {
                await cli.Error.WriteLineAsync("verbatim check: no cache directory: set VERBATIM_CACHE or HOME").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            var jsonTarget = parse.GetValue(json);
            var progress = new CheckProgress(cli, cli.UseColor && jsonTarget != "-");
            var options = new CheckOptions
            {
                Store = store,
                Variations = chosen,
                Runs = parse.GetValue(runs),
                Bisect = !parse.GetValue(noBisect),
                AvailableCpus = Environment.ProcessorCount,
                Parallelism = CheckOptions.DefaultParallelism(Environment.ProcessorCount, AvailableMemory()),
                ScratchRoot = BuildLocations.Scratch(cli),
                Progress = progress.OnEvent,
            };
            var terminal = new Terminal(cli);
            CheckResult result;
            try
            {
                result = await progress.RunAsync(terminal, () => CheckRunner.CheckAsync(loaded, options, cancellationToken)).ConfigureAwait(false);
            }
            catch (CheckException e)
            {
                await cli.Error.WriteLineAsync($"verbatim check: {loaded.Name}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (jsonTarget is not null)
                {
                    WriteTo(cli, jsonTarget, s => CheckReportJson.Write(s, result));
                }

                if (parse.GetValue(html) is { } htmlTarget)
                {
                    var diff = result.Diff ?? result.FlakyDiff;
                    var page = HtmlReport.Render(diff?.Path1 ?? "control", diff?.Path2 ?? "experiment", diff?.Root, diff?.Summary ?? Verbatim.Core.Model.DiffSummary.Of(null));
                    WriteTo(cli, htmlTarget, s => s.Write(Encoding.UTF8.GetBytes(page)));
                }

                if (jsonTarget != "-" && parse.GetValue(html) != "-")
                {
                    terminal.WriteReport(CheckText.Render(result));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await cli.Error.WriteLineAsync($"verbatim check: cannot write the report: {e.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            return result.Verdict switch
            {
                Verdict.Reproducible => ExitCodes.Ok,
                Verdict.BuildFailed => ExitCodes.UsageOrInput,
                _ => ExitCodes.Different,
            };
        });
        return command;
    }

    /// <summary>MemAvailable from /proc/meminfo in bytes; 0 when it cannot be read.</summary>
    private static long AvailableMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is not null && long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void WriteTo(CliContext cli, string target, Action<Stream> write)
    {
        if (target == "-")
        {
            using var stdout = cli.OpenStandardOutput();
            write(stdout);
            return;
        }

        AtomicWrite.Stream(target, write);
    }
}
