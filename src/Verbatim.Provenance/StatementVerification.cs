namespace Verbatim.Provenance;

/// <summary>
/// The outcome of checking an in-toto statement: when <see cref="Valid"/>, the subject that matched the artifact and
/// what built it; otherwise a one-line <see cref="Reason"/>.
/// </summary>
public sealed record StatementVerification(bool Valid, string? Reason, Subject? MatchedSubject, string? BuildType, string? BuilderId)
{
    internal static StatementVerification Rejected(string reason) => new(false, reason, null, null, null);
}
