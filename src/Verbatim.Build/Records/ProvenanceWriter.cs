using System.Text.Json.Nodes;
using Verbatim.Common.Identity;
using Verbatim.Common.IO;
using Verbatim.Common.Records;
using Verbatim.Provenance;

namespace Verbatim.Build.Records;

/// <summary>
/// Turns a build record into an in-toto Statement with a SLSA Provenance v1 predicate, signs it into a DSSE envelope
/// and writes <c>provenance.dsse.json</c>. The recipe is the only external parameter; the environment, the epoch
/// and the variables are internal parameters; inputs and the root file system are the resolved dependencies. No
/// times are recorded, so the statement is byte-stable for the same build.
/// </summary>
public static class ProvenanceWriter
{
    public const string FileName = "provenance.dsse.json";

    public static byte[] Statement(BuildRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var external = new JsonObject
        {
            ["recipe"] = new JsonObject
            {
                ["file"] = record.RecipeFile,
                ["name"] = record.RecipeName,
                ["sha256"] = record.RecipeSha256.Hex,
                ["version"] = record.RecipeVersion,
            },
        };
        var variables = new JsonObject();
        foreach (var (name, value) in record.EnvironmentVariables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            variables[name] = value;
        }

        var environment = new JsonObject { ["kind"] = record.Environment.Kind };
        if (record.Environment.Sha256 is { } digest)
        {
            environment["sha256"] = digest.Hex;
        }

        var internalParameters = new JsonObject
        {
            ["environment"] = environment,
            ["environmentVariables"] = variables,
            ["sourceDateEpoch"] = record.SourceDateEpoch,
        };
        if (record.Identity is { } identity)
        {
            internalParameters["identity"] = BuildIdentityJson.ToJson(identity);
        }

        var builderVersion = new SortedDictionary<string, string>(record.Tools.ToDictionary(), StringComparer.Ordinal)
        {
            ["verbatim"] = BuildRunner.Version,
        };
        var dependencies = record.Inputs
            .Select(i => new ResolvedDependency(i.Name, i.Commit is null ? i.Uri : $"git+{i.Uri}@{i.Commit}", i.Sha256.Hex))
            .ToList();
        if (record.Environment.Sha256 is { } rootfs)
        {
            dependencies.Add(new ResolvedDependency("environment", $"verbatim-env:sha256:{rootfs.Hex}", rootfs.Hex));
        }

        var input = new ProvenanceInput(
            [.. record.Subjects.Select(s => new Subject(s.Name, s.Sha256.Hex))],
            BuildRecord.BuildType,
            external,
            internalParameters,
            dependencies,
            record.BuilderId,
            InvocationId: "",
            StartedOn: null,
            FinishedOn: null,
            builderVersion);
        return ProvenanceStatement.Create(input);
    }

    /// <summary>Signs the statement of <paramref name="record"/> with <paramref name="key"/> into <c>OUTDIR/provenance.dsse.json</c> and returns its path.</summary>
    public static string Write(BuildRecord record, string outDir, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var envelope = Dsse.Sign(Dsse.InTotoPayloadType, Statement(record), key);
        var path = Path.GetFullPath(Path.Combine(outDir, FileName));
        AtomicWrite.Bytes(path, envelope);
        return path;
    }
}
