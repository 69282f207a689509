using Verbatim.Common.Digests;
using System.Globalization;
using System.Text.Json;

namespace Verbatim.Provenance;

/// <summary>The shape rules of an in-toto Statement v1 with a SLSA Provenance v1 predicate; each failure is one phrase.</summary>
internal static class StatementShape
{
    /// <summary>Null when the statement has the required shape; else what is wrong, e.g. "has no predicate.runDetails.builder.id".</summary>
    public static string? Check(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "is not a JSON object";
        }

        return Type(root, "_type", ProvenanceStatement.StatementType)
            ?? CheckSubjects(root)
            ?? Type(root, "predicateType", ProvenanceStatement.PredicateType)
            ?? CheckPredicate(root);
    }

    /// <summary>The subjects of a statement that passed <see cref="Check"/>.</summary>
    public static IReadOnlyList<Subject> Subjects(JsonElement root) =>
        root.GetProperty("subject").EnumerateArray()
            .Select(s => new Subject(
                s.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
                s.GetProperty("digest").GetProperty("sha256").GetString()!.ToLowerInvariant()))
            .ToList();

    private static string? Type(JsonElement root, string field, string expected)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return $"has no {field}";
        }

        var actual = value.GetString();
        return actual == expected ? null : $"has {field} '{actual}', expected '{expected}'";
    }

    internal static string? CheckSubjects(JsonElement root)
    {
        if (!root.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array || subjects.GetArrayLength() == 0)
        {
            return "has no subject list";
        }

        var index = 0;
        foreach (var subject in subjects.EnumerateArray())
        {
            var at = $"subject[{index++}]";
            if (subject.ValueKind != JsonValueKind.Object)
            {
                return $"has a {at} that is not an object";
            }

            if (subject.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.String)
            {
                return $"has a {at}.name that is not a string";
            }

            if (!subject.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.Object)
            {
                return $"has no {at}.digest";
            }

            if (!digest.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
            {
                return $"has no {at}.digest.sha256";
            }

            if (!Sha256Digest.IsHex(sha.GetString()))
            {
                return $"has a {at}.digest.sha256 that is not 64 hex digits";
            }
        }

        return null;
    }

    private static string? CheckPredicate(JsonElement root)
    {
        if (Object(root, "predicate", "predicate", out var predicate) is { } e1)
        {
            return e1;
        }

        if (Object(predicate, "buildDefinition", "predicate.buildDefinition", out var definition) is { } e2)
        {
            return e2;
        }

        if (NonEmptyString(definition, "buildType", "predicate.buildDefinition.buildType") is { } e3)
        {
            return e3;
        }

        if (Object(definition, "externalParameters", "predicate.buildDefinition.externalParameters", out _) is { } e4)
        {
            return e4;
        }

        if (definition.TryGetProperty("internalParameters", out var internalParameters) && internalParameters.ValueKind != JsonValueKind.Object)
        {
            return "has a predicate.buildDefinition.internalParameters that is not an object";
        }

        if (CheckDependencies(definition) is { } e5)
        {
            return e5;
        }

        if (Object(predicate, "runDetails", "predicate.runDetails", out var runDetails) is { } e6)
        {
            return e6;
        }

        if (Object(runDetails, "builder", "predicate.runDetails.builder", out var builder) is { } e7)
        {
            return e7;
        }

        return NonEmptyString(builder, "id", "predicate.runDetails.builder.id") ?? CheckMetadata(runDetails);
    }

    private static string? CheckDependencies(JsonElement definition)
    {
        if (!definition.TryGetProperty("resolvedDependencies", out var dependencies))
        {
            return null;
        }

        if (dependencies.ValueKind != JsonValueKind.Array)
        {
            return "has a predicate.buildDefinition.resolvedDependencies that is not a list";
        }

        var index = 0;
        foreach (var dependency in dependencies.EnumerateArray())
        {
            var at = $"predicate.buildDefinition.resolvedDependencies[{index++}]";
            if (dependency.ValueKind != JsonValueKind.Object)
            {
                return $"has a {at} that is not an object";
            }

            if (!dependency.TryGetProperty("uri", out _) && !dependency.TryGetProperty("digest", out _) && !dependency.TryGetProperty("content", out _))
            {
                return $"has a {at} with none of uri, digest, content";
            }

            if (dependency.TryGetProperty("digest", out var digest)
                && (digest.ValueKind != JsonValueKind.Object || digest.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String)))
            {
                return $"has a {at}.digest that is not an object of strings";
            }
        }

        return null;
    }

    private static string? CheckMetadata(JsonElement runDetails)
    {
        if (!runDetails.TryGetProperty("metadata", out var metadata))
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return "has a predicate.runDetails.metadata that is not an object";
        }

        foreach (var field in new[] { "startedOn", "finishedOn" })
        {
            if (metadata.TryGetProperty(field, out var time)
                && (time.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
            {
                return $"has a predicate.runDetails.metadata.{field} that is not an RFC 3339 time";
            }
        }

        return null;
    }

    private static string? Object(JsonElement parent, string field, string path, out JsonElement value)
    {
        if (parent.TryGetProperty(field, out value) && value.ValueKind == JsonValueKind.Object)
        {
            return null;
        }

        return $"has no {path} object";
    }

    private static string? NonEmptyString(JsonElement parent, string field, string path)
    {
        if (parent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
        {
            return null;
        }

        return $"has no {path}";
    }
}
