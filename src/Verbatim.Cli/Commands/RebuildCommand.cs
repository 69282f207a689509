using System.CommandLine;
using System.Text;
using Verbatim.Build;
using Verbatim.Cli.Output;
using Verbatim.Common.IO;
using Verbatim.Common.Verdicts;
using Verbatim.Core.Reports;
using Verbatim.Provenance;
using Verbatim.Rebuild;
using Verbatim.Rebuild.Results;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim rebuild ECOSYSTEM SPEC [--reference FILE]... [--reference-digest SHA256] [--json FILE|-] [--html FILE]
/// [--attest KEY] [--out DIR] [--keep-recipe FILE] [--match-build-time]</c>: rebuild a published package from its
/// source and say whether its bits match (docs/rebuild.md).
/// </summary>
public static class RebuildCommand
{
    private const string Name = "verbatim rebuild";

    public static Command Create(CliContext cli)
    {
        var ecosystem = new Argument<string>("ECOSYSTEM") { Description = "debian, python, nuget or npm." };
        var spec = new Argument<string>("SPEC") { Description = "debian NAME=VERSION|FILE.dsc|FILE.buildinfo; python SDIST|DIR; nuget DIR; npm NAME@VERSION|DIR." };
        var reference = new Option<string[]>("--reference") { Description = "A published artifact to compare with (repeatable); default: fetched by the ecosystem.", HelpName = "FILE" };
        var digest = new Option<string?>("--reference-digest") { Description = "Refuse to start unless the reference has this SHA-256.", HelpName = "SHA256" };
        var json = new Option<string?>("--json") { Description = "Write the result (schema verbatim-rebuild/1) to FILE ('-' for stdout).", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write the HTML diff report of the first differing artifact to FILE.", HelpName = "FILE" };
        var attest = new Option<string?>("--attest") { Description = "Sign every verdict with this ECDSA P-256 private key (a SLSA verification summary and a rebuild statement per reference).", HelpName = "KEY" };
        var output = new Option<string>("--out") { Description = "Write the rebuilt artifacts, the references, buildinfo.json, recipe.yaml, build.log and attestations here.", HelpName = "DIR", DefaultValueFactory = _ => "rebuild" };
        var keep = new Option<string?>("--keep-recipe") { Description = "Also write the inferred recipe to FILE (rerun it with 'verbatim build').", HelpName = "FILE" };
        var matchTime = new Option<bool>("--match-build-time") { Description = "Run the steps with the clock set to the time the reference reveals it was built." };
        var command = new Command("rebuild", "Rebuild a published package from its source and compare it with the published artifacts. Exit 0 reproducible, 1 equivalent after normalization or not reproducible, 2 bad input or build failed.")
        {
            ecosystem, spec, reference, digest, json, html, attest, output, keep, matchTime,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (BuildLocations.Cache(cli) is not { } store)
            {
                return Fail(cli, "no cache directory: set VERBATIM_CACHE or HOME");
            }

            SigningKey? key = null;
            if (parse.GetValue(attest) is { } keyPath)
            {
                try
                {
                    key = File.Exists(keyPath) ? SigningKey.LoadPrivatePem(keyPath) : throw new KeyException($"{keyPath}: no such signing key");
                }
                catch (KeyException e)
                {
                    return Fail(cli, e.Message);
                }
            }

            using (key)
            {
                var request = new RebuildRequest(parse.GetValue(ecosystem)!, parse.GetValue(spec)!)
                {
                    References = parse.GetValue(reference) ?? [],
                    ReferenceDigest = parse.GetValue(digest),
                    MatchBuildTime = parse.GetValue(matchTime),
                };
                var gate = new object();
                var options = new RebuildOptions
                {
                    Store = store,
                    OutDir = parse.GetValue(output)!,
                    ScratchRoot = BuildLocations.Scratch(cli),
                    SigningKey = key,
                    Progress = e =>
                    {
                        if (e.Kind is BuildEventKind.Notice or BuildEventKind.StepStarted or BuildEventKind.InputsVerified)
                        {
                            lock (gate)
                            {
                                cli.Error.WriteLine(e.Message);
                            }
                        }
                    },
                };
                RebuildResult result;
                try
                {
                    result = await Rebuilder.RunAsync(request, options, cancellationToken).ConfigureAwait(false);
                }
                catch (RebuildException e)
                {
                    return Fail(cli, e.Message);
                }

                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    Write(cli, result, parse.GetValue(json), parse.GetValue(html), parse.GetValue(keep));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail(cli, e.Message);
                }

                return result.Verdict switch
                {
                    Verdict.Reproducible => ExitCodes.Ok,
                    Verdict.BuildFailed => ExitCodes.UsageOrInput,
                    _ => ExitCodes.Different,
                };
            }
        });
        return command;
    }

    private static void Write(CliContext cli, RebuildResult result, string? json, string? html, string? keep)
    {
        if (keep is not null)
        {
            AtomicWrite.Text(keep, result.Recipe);
        }

        if (html is not null)
        {
            AtomicWrite.Text(html, Html(result));
        }

        if (json is not null)
        {
            cli.WriteOutput(json, s => s.Write(Encoding.UTF8.GetBytes(RebuildResultJson.Render(result))));
            if (json == "-")
            {
                return;
            }
        }

        RebuildRenderer.Render(cli.Out, result);
    }

    private static string Html(RebuildResult result)
    {
        var differing = result.Artifacts.FirstOrDefault(a => a.Tree is not null);
        if (differing?.Tree is { } tree)
        {
            return HtmlReport.Render(differing.ReferencePath!, differing.RebuiltPath!, tree, Core.Model.DiffSummary.Of(tree));
        }

        var encoded = System.Net.WebUtility.HtmlEncode(result.Summary);
        return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>verbatim rebuild</title></head><body><p>{encoded}</p></body></html>\n";
    }

    private static int Fail(CliContext cli, string message)
    {
        cli.Error.WriteLine($"{Name}: {message}");
        return ExitCodes.UsageOrInput;
    }
}
