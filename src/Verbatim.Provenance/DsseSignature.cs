namespace Verbatim.Provenance;

/// <summary>One signature of a DSSE envelope: the unauthenticated key id hint and the DER signature bytes.</summary>
internal sealed record DsseSignature(string KeyId, byte[] Sig);
