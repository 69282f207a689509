using System.Text.Json.Nodes;

namespace Verbatim.Provenance;

/// <summary>
/// Everything a SLSA Provenance v1 statement records about one build: its outputs (subjects), how it was defined
/// (build type, parameters, resolved inputs) and how it ran (builder, invocation, times).
/// <see cref="StartedOn"/> and <see cref="FinishedOn"/> are left out of the statement when null, so a caller that
/// wants byte-identical statements across rebuilds can omit them.
/// </summary>
public sealed record ProvenanceInput(
    IReadOnlyList<Subject> Subjects,
    string BuildType,
    JsonObject ExternalParameters,
    JsonObject InternalParameters,
    IReadOnlyList<ResolvedDependency> ResolvedDependencies,
    string BuilderId,
    string InvocationId,
    DateTimeOffset? StartedOn,
    DateTimeOffset? FinishedOn,
    IReadOnlyDictionary<string, string> BuilderVersion);
