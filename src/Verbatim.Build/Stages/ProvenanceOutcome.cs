namespace Verbatim.Build.Stages;

/// <summary>Whether a build's provenance was signed: the envelope's path and the signing key's id, or neither.</summary>
public sealed record ProvenanceOutcome(string? Path, string? KeyId)
{
    /// <summary>No signing key was given, so no <c>provenance.dsse.json</c> was written.</summary>
    public static ProvenanceOutcome NotSigned { get; } = new(null, null);

    public bool Signed => Path is not null;
}
