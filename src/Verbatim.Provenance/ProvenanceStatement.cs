using Verbatim.Common.Json;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Verbatim.Provenance;

/// <summary>
/// Writes an in-toto Statement v1 carrying a SLSA Provenance v1 predicate, serialised canonically
/// (<see cref="CanonicalJson"/>): the same <see cref="ProvenanceInput"/> always gives the same bytes.
/// Subjects and resolved dependencies are sorted by name, so the order the caller found them in does not matter.
/// </summary>
public static class ProvenanceStatement
{
    /// <summary>The <c>_type</c> of an in-toto Statement v1.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The <c>predicateType</c> of SLSA Provenance v1.</summary>
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>The <c>buildType</c> of a build run by <c>verbatim build</c> from a <c>verbatim.yaml</c> recipe (docs/provenance.md).</summary>
    public const string RecipeBuildType = "https://verbatim.dev/build-types/recipe/v1";

    /// <summary>Returns the statement's canonical UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">A required value is missing or a digest is not 64 hex digits.</exception>
    public static byte[] Create(ProvenanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Require(input.Subjects.Count > 0, "a statement needs at least one subject");
        Require(!string.IsNullOrWhiteSpace(input.BuildType), "the buildType is empty");
        Require(!string.IsNullOrWhiteSpace(input.BuilderId), "the builder id is empty");

        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = Subjects(input.Subjects),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = BuildDefinition(input),
                ["runDetails"] = RunDetails(input),
            },
        };
        return CanonicalJson.Serialize(statement);
    }

    private static JsonArray Subjects(IReadOnlyList<Subject> subjects)
    {
        var array = new JsonArray();
        foreach (var subject in subjects.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Sha256, StringComparer.OrdinalIgnoreCase))
        {
            Require(!string.IsNullOrEmpty(subject.Name), "a subject has an empty name");
            Require(Sha256Hex.IsValid(subject.Sha256), $"subject {subject.Name}: the sha256 is not 64 hex digits");
            array.Add((JsonNode)new JsonObject
            {
                ["name"] = subject.Name,
                ["digest"] = new JsonObject { ["sha256"] = subject.Sha256.ToLowerInvariant() },
            });
        }

        return array;
    }

    private static JsonObject BuildDefinition(ProvenanceInput input)
    {
        var definition = new JsonObject
        {
            ["buildType"] = input.BuildType,
            ["externalParameters"] = input.ExternalParameters.DeepClone(),
        };
        if (input.InternalParameters.Count > 0)
        {
            definition["internalParameters"] = input.InternalParameters.DeepClone();
        }

        if (input.ResolvedDependencies.Count > 0)
        {
            definition["resolvedDependencies"] = Dependencies(input.ResolvedDependencies);
        }

        return definition;
    }

    private static JsonArray Dependencies(IReadOnlyList<ResolvedDependency> dependencies)
    {
        var array = new JsonArray();
        var ordered = dependencies
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Uri, StringComparer.Ordinal)
            .ThenBy(d => d.Sha256, StringComparer.OrdinalIgnoreCase);
        foreach (var dependency in ordered)
        {
            Require(!string.IsNullOrEmpty(dependency.Uri) || !string.IsNullOrEmpty(dependency.Sha256),
                $"resolved dependency {dependency.Name}: needs a uri or a sha256");
            Require(string.IsNullOrEmpty(dependency.Sha256) || Sha256Hex.IsValid(dependency.Sha256),
                $"resolved dependency {dependency.Name}: the sha256 is not 64 hex digits");
            var descriptor = new JsonObject();
            if (!string.IsNullOrEmpty(dependency.Name))
            {
                descriptor["name"] = dependency.Name;
            }

            if (!string.IsNullOrEmpty(dependency.Uri))
            {
                descriptor["uri"] = dependency.Uri;
            }

            if (!string.IsNullOrEmpty(dependency.Sha256))
            {
                descriptor["digest"] = new JsonObject { ["sha256"] = dependency.Sha256.ToLowerInvariant() };
            }

            array.Add((JsonNode)descriptor);
        }

        return array;
    }

    private static JsonObject RunDetails(ProvenanceInput input)
    {
        var builder = new JsonObject { ["id"] = input.BuilderId };
        if (input.BuilderVersion.Count > 0)
        {
            var version = new JsonObject();
            foreach (var (name, value) in input.BuilderVersion)
            {
                version[name] = value;
            }

            builder["version"] = version;
        }

        var details = new JsonObject { ["builder"] = builder };
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(input.InvocationId))
        {
            metadata["invocationId"] = input.InvocationId;
        }

        if (input.StartedOn is { } started)
        {
            metadata["startedOn"] = Timestamp(started);
        }

        if (input.FinishedOn is { } finished)
        {
            metadata["finishedOn"] = Timestamp(finished);
        }

        if (metadata.Count > 0)
        {
            details["metadata"] = metadata;
        }

        return details;
    }

    /// <summary>RFC 3339 in UTC, with a fraction only when there is one: <c>2024-01-02T03:04:05Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
