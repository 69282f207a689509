using Verbatim.Common.Json;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Verbatim.Provenance;

/// <summary>
/// DSSE (Dead Simple Signing Envelope) v1: signs the pre-authentication encoding (PAE) of a payload and its type
/// with ECDSA P-256 SHA-256, and checks envelopes. Envelope JSON:
/// <c>{"payload":BASE64,"payloadType":TYPE,"signatures":[{"keyid":HEX,"sig":BASE64(DER)}]}</c>.
/// </summary>
public static class Dsse
{
    /// <summary>The payload type of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary><c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal byte counts.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var pae = new byte[header.Length + type.Length + middle.Length + payload.Length];
        var span = pae.AsSpan();
        header.CopyTo(span);
        type.CopyTo(span[header.Length..]);
        middle.CopyTo(span[(header.Length + type.Length)..]);
        payload.CopyTo(span[(header.Length + type.Length + middle.Length)..]);
        return pae;
    }

    /// <summary>Signs the PAE of <paramref name="payload"/> and returns the envelope's canonical UTF-8 JSON.</summary>
    public static byte[] Sign(string payloadType, byte[] payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.SignDer(Pae(payloadType, payload));
        var envelope = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(payload),
            ["payloadType"] = payloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["keyid"] = key.KeyId, ["sig"] = Convert.ToBase64String(signature) }),
        };
        return CanonicalJson.Serialize(envelope);
    }

    /// <summary>
    /// Checks that some signature in the envelope is <paramref name="key"/>'s over the PAE of its payload and type.
    /// Never throws on bad input: a malformed envelope is a rejection with a reason.
    /// </summary>
    public static DsseVerification Verify(ReadOnlySpan<byte> envelopeJson, VerificationKey key) =>
        Verify(envelopeJson, key, expectedPayloadType: null);

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte}, VerificationKey)"/>, also requiring the payload type when one is given.</summary>
    public static DsseVerification Verify(ReadOnlySpan<byte> envelopeJson, VerificationKey key, string? expectedPayloadType)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parsed = DsseEnvelope.Parse(envelopeJson);
        if (parsed.Error is { } error)
        {
            return DsseVerification.Rejected(error);
        }

        var envelope = parsed.Envelope!;
        if (expectedPayloadType is not null && !string.Equals(envelope.PayloadType, expectedPayloadType, StringComparison.Ordinal))
        {
            return DsseVerification.Rejected($"the payloadType is '{envelope.PayloadType}', expected '{expectedPayloadType}'");
        }

        var pae = Pae(envelope.PayloadType, envelope.Payload);
        foreach (var signature in envelope.Signatures)
        {
            if (key.VerifyDer(pae, signature.Sig))
            {
                return DsseVerification.Accepted(envelope.Payload, envelope.PayloadType);
            }
        }

        return DsseVerification.Rejected(NoSignatureReason(envelope, key));
    }

    private static string NoSignatureReason(DsseEnvelope envelope, VerificationKey key)
    {
        var keyIds = envelope.Signatures.Select(s => s.KeyId).Where(id => !string.IsNullOrEmpty(id)).ToList();
        if (keyIds.Count == envelope.Signatures.Count && !keyIds.Contains(key.KeyId, StringComparer.OrdinalIgnoreCase))
        {
            return $"no signature by key {Short(key.KeyId)}: the envelope is signed by key {string.Join(", ", keyIds.Select(Short))}";
        }

        var count = envelope.Signatures.Count == 1 ? "the signature does" : $"none of the {envelope.Signatures.Count} signatures does";
        return $"{count} not verify with key {Short(key.KeyId)}: the payload or payloadType was changed after signing, or another key signed it";
    }

    private static string Short(string keyId) => keyId.Length > 16 ? keyId[..16] : keyId;
}
