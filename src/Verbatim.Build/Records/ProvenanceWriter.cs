using System.Text.Json.Nodes;
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

    /// <summary>Where the builder's key is kept when no --key is given (created on first use, mode 0600).</summary>
    public static string DefaultKeyPath =>
        Environment.GetEnvironmentVariable("VERBATIM_KEY") is { Length: > 0 } key
            ? key
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "verbatim", "builder.key");

    public static byte[] Statement(BuildRecord record)
    {
        var external = new JsonObject
        {
            ["recipe"] = new JsonObject
            {
                ["file"] = record.RecipeFile,
                ["name"] = record.RecipeName,
                ["sha256"] = record.RecipeSha256,
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
            environment["sha256"] = digest;
        }

        var internalParameters = new JsonObject
        {
            ["environment"] = environment,
            ["environmentVariables"] = variables,
            ["sourceDateEpoch"] = record.SourceDateEpoch,
        };
        var builderVersion = new SortedDictionary<string, string>(record.Tools.ToDictionary(), StringComparer.Ordinal)
        {
            ["verbatim"] = BuildRunner.Version,
        };
        var dependencies = record.Inputs
            .Select(i => new ResolvedDependency(i.Name, i.Commit is null ? i.Uri : $"git+{i.Uri}@{i.Commit}", i.Sha256))
            .ToList();
        if (record.Environment.Sha256 is { } rootfs)
        {
            dependencies.Add(new ResolvedDependency("environment", $"verbatim-env:sha256:{rootfs}", rootfs));
        }

        var input = new ProvenanceInput(
            [.. record.Subjects.Select(s => new Subject(s.Name, s.Sha256))],
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

    /// <summary>Signs the statement of <paramref name="record"/> with the key at <paramref name="keyPath"/> (or the default key) into <paramref name="outDir"/>.</summary>
    public static string Write(BuildRecord record, string outDir, string? keyPath)
    {
        using var key = keyPath is null ? DefaultKey() : SigningKey.LoadPrivatePem(keyPath);
        var envelope = Dsse.Sign(Dsse.InTotoPayloadType, Statement(record), key);
        var path = Path.Combine(outDir, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, envelope);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static SigningKey DefaultKey()
    {
        var path = DefaultKeyPath;
        if (File.Exists(path))
        {
            return SigningKey.LoadPrivatePem(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = SigningKey.Generate();
        using (var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(key.ExportPrivatePem()));
        }

        File.WriteAllText(Path.ChangeExtension(path, ".pub"), key.ExportPublicPem());
        return key;
    }
}
