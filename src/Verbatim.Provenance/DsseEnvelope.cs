using System.Text.Json;

namespace Verbatim.Provenance;

/// <summary>A parsed DSSE envelope: the decoded payload, its type, and the decoded signatures.</summary>
internal sealed record DsseEnvelope(byte[] Payload, string PayloadType, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>Parses envelope JSON; returns either an envelope or a one-line reason it is malformed.</summary>
    public static (DsseEnvelope? Envelope, string? Error) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, $"the envelope is not valid JSON: {FirstLine(e.Message)}");
        }
    }

    private static (DsseEnvelope?, string?) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the envelope is not a JSON object");
        }

        if (!TryString(root, "payloadType", out var payloadType))
        {
            return (null, "the envelope has no payloadType string");
        }

        if (!TryString(root, "payload", out var payloadText))
        {
            return (null, "the envelope has no payload string");
        }

        if (Base64.Decode(payloadText) is not { } payload)
        {
            return (null, "the envelope's payload is not base64");
        }

        if (!root.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array || signatures.GetArrayLength() == 0)
        {
            return (null, "the envelope has no signatures");
        }

        var list = new List<DsseSignature>();
        var index = 0;
        foreach (var entry in signatures.EnumerateArray())
        {
            index++;
            if (entry.ValueKind != JsonValueKind.Object || !TryString(entry, "sig", out var sigText))
            {
                return (null, $"signature {index} has no sig string");
            }

            if (Base64.Decode(sigText) is not { } sig)
            {
                return (null, $"signature {index}: the sig is not base64");
            }

            TryString(entry, "keyid", out var keyId);
            list.Add(new DsseSignature(keyId, sig));
        }

        return (new DsseEnvelope(payload, payloadType, list), null);
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString() ?? "";
            return true;
        }

        value = "";
        return false;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
