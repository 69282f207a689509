using System.CommandLine;
using System.Globalization;
using System.Text;
using Verbatim.Build;
using Verbatim.Build.Cache;
using Verbatim.Build.Recipes;
using Verbatim.Check;
using Verbatim.Check.Reports;
using Verbatim.Check.Variations;
using Verbatim.Cli.Output;
using Verbatim.Common.IO;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Reports;
using Verbatim.Rebuild;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim check RECIPE|DIR</c> or <c>verbatim check ECOSYSTEM SPEC</c> (the specs of <c>verbatim rebuild</c>, whose
/// recipe is inferred by <see cref="RecipeInference"/>): build under varied environments, compare, and name the
/// variation that breaks reproducibility (docs/check.md).
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext cli)
    {
        var recipe = new Argument<string>("RECIPE|ECOSYSTEM") { Description = $"A recipe file or a folder holding verbatim.yaml; or an ecosystem ({EcosystemRegistry.Names}) followed by a SPEC." };
        var spec = new Argument<string?>("SPEC") { Description = "After an ecosystem, what to check, as for 'verbatim rebuild' (no published artifact needed): debian NAME=VERSION|FILE.dsc|FILE.buildinfo; python SDIST|DIR; nuget DIR; npm NAME@VERSION|DIR.", Arity = ArgumentArity.ZeroOrOne };
        var variations = new Option<string?>("--variations") { Description = "Variations to apply, reprotest's spelling: all (default), -all, +time,-user_group, time,umask…", HelpName = "LIST" };
        var runs = new Option<int>("--runs") { Description = "Build the control this many times (at least 2) to say how often it differs from itself.", HelpName = "N", DefaultValueFactory = _ => 2 };
        var noBisect = new Option<bool>("--no-bisect") { Description = "Do not search for the smallest set of variations behind each difference." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (verbatim-check/1) to FILE ('-' for stdout).", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write the difference as a self-contained HTML report to FILE.", HelpName = "FILE" };
        var keep = new Option<string?>("--keep-recipe") { Description = "With a SPEC, also write the inferred recipe to FILE (rerun it with 'verbatim build' or 'verbatim check FILE').", HelpName = "FILE" };
        var command = new Command("check", "Build a control and experiments under varied environments (clock, time zone, locale, build path, file order…), compare every output, and name the variations behind each difference. The recipe is a file, or is inferred from an ECOSYSTEM SPEC as 'verbatim rebuild' does. Exit 0 reproducible, 1 not reproducible or flaky, 2 bad recipe or spec, or the control build failed.")
        {
            recipe, spec, variations, runs, noBisect, json, html, keep,
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

            var (recipePath, request, routeError) = Route(parse.GetValue(recipe)!, parse.GetValue(spec));
            if (routeError is not null || (request is null && parse.GetValue(keep) is not null))
            {
                var message = routeError ?? "--keep-recipe: only a SPEC's recipe is inferred (a recipe file is already yours)";
                await cli.Error.WriteLineAsync($"verbatim check: {message}").ConfigureAwait(false);
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
            if (request is null)
            {
                Recipe loaded;
                try
                {
                    loaded = CheckRunner.LoadRecipe(recipePath!);
                }
                catch (RecipeException e)
                {
                    await cli.Error.WriteLineAsync($"verbatim check: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.UsageOrInput;
                }

                return await CheckAsync(cli, loaded, options, progress, terminal, jsonTarget, parse.GetValue(html), cancellationToken).ConfigureAwait(false);
            }

            // What the spec's adapter fetches (a Debian source package, an npm tarball) goes in a scratch folder of its own, removed at the end.
            var fetched = Path.Combine(Path.GetFullPath(options.ScratchRoot), "verbatim-check-" + Guid.NewGuid().ToString("N"));
            try
            {
                InferredBuild inferred;
                try
                {
                    inferred = await RecipeInference.InferAsync(request, new RebuildOptions
                    {
                        Store = store,
                        OutDir = fetched,
                        ScratchRoot = options.ScratchRoot,
                        // Plain lines even on a terminal: the live table starts with the builds, and fetching a source or creating an environment takes minutes.
                        Progress = e =>
                        {
                            if (e.Kind == BuildEventKind.Notice)
                            {
                                lock (cli.Error)
                                {
                                    cli.Error.WriteLine(e.Message);
                                }
                            }
                        },
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (RebuildException e)
                {
                    await cli.Error.WriteLineAsync($"verbatim check: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.UsageOrInput;
                }

                using (inferred)
                {
                    if (parse.GetValue(keep) is { } keepTarget)
                    {
                        try
                        {
                            AtomicWrite.Text(keepTarget, inferred.RecipeYaml);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            await cli.Error.WriteLineAsync($"verbatim check: --keep-recipe {keepTarget}: {e.Message}").ConfigureAwait(false);
                            return ExitCodes.UsageOrInput;
                        }
                    }

                    var specOptions = options with
                    {
                        Identity = inferred.Identity,
                        Http = inferred.Http,
                        Spec = new CheckedSpec(request.Ecosystem, request.Spec, inferred.RecipeYaml, inferred.Recipe.Digest, inferred.BuildPath),
                    };
                    return await CheckAsync(cli, inferred.Recipe, specOptions, progress, terminal, jsonTarget, parse.GetValue(html), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                TreeCopy.Delete(fetched);
            }
        });
        return command;
    }

    /// <summary>
    /// What the arguments name: a recipe (one argument), or a spec (a known ecosystem and a spec, inferred for a check);
    /// else the problem in one line. A lone ecosystem name is a recipe only when such a file or folder exists.
    /// </summary>
    internal static (string? Recipe, RebuildRequest? Request, string? Error) Route(string first, string? second)
    {
        var ecosystem = EcosystemRegistry.Find(first);
        if (second is null)
        {
            return ecosystem is not null && !Path.Exists(first)
                ? (null, null, $"{first}: a SPEC must follow the ecosystem: verbatim check {ecosystem.Name} {ecosystem.SpecSyntax}")
                : (first, null, null);
        }

        return ecosystem is null
            ? (null, null, $"'{first}' is not a known ecosystem (known: {EcosystemRegistry.Names}); a recipe is checked alone: verbatim check RECIPE")
            : (null, new RebuildRequest(ecosystem.Name, second) { ForCheck = true }, null);
    }

    private static async Task<int> CheckAsync(CliContext cli, Recipe loaded, CheckOptions options, CheckProgress progress, Terminal terminal, string? jsonTarget, string? htmlTarget, CancellationToken cancellationToken)
    {
        CheckResult result;
        try
        {
            result = await progress.RunAsync(terminal, () => CheckRunner.CheckAsync(loaded, options, cancellationToken)).ConfigureAwait(false);
        }
        catch (CheckException e)
        {
            await cli.Error.WriteLineAsync($"verbatim check: {options.Spec?.Spec ?? loaded.Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (jsonTarget is not null)
            {
                cli.WriteOutput(jsonTarget, s => CheckReportJson.Write(s, result));
            }

            if (htmlTarget is not null)
            {
                var diff = result.Diff ?? result.FlakyDiff;
                var page = HtmlReport.Render(diff?.Path1 ?? "control", diff?.Path2 ?? "experiment", diff?.Root, diff?.Summary ?? Verbatim.Core.Model.DiffSummary.Of(null));
                cli.WriteOutput(htmlTarget, s => s.Write(Encoding.UTF8.GetBytes(page)));
            }

            if (jsonTarget != "-" && htmlTarget != "-")
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
}
