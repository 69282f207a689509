namespace Verbatim.Provenance;

/// <summary>
/// The outcome of checking a DSSE envelope: when <see cref="Valid"/>, the authenticated payload and its type;
/// otherwise a one-line <see cref="Reason"/> and no payload (an unverified payload is never handed out).
/// </summary>
public sealed record DsseVerification(bool Valid, string? Reason, byte[]? Payload, string? PayloadType)
{
    internal static DsseVerification Rejected(string reason) => new(false, reason, null, null);

    internal static DsseVerification Accepted(byte[] payload, string payloadType) => new(true, null, payload, payloadType);
}
