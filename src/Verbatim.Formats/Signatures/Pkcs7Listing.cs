using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Signatures;

/// <summary>
/// A PKCS#7 / CMS SignedData (a .p7s, .p7b, or an Authenticode signature) as text: what was signed (the content type
/// and, for Authenticode, the file digest it signs), each certificate (subject, issuer, serial, validity,
/// fingerprint) and each signer (its certificate, digest algorithm, signed attributes: content type, signing time,
/// message digest; and what is attached unsigned, e.g. a timestamp countersignature). Read with the framework's DER
/// reader; certificates with its X.509 reader.
/// </summary>
internal static class Pkcs7Listing
{
    private const string SignedData = "1.2.840.113549.1.7.2";
    private const string SpcIndirectData = "1.3.6.1.4.1.311.2.1.4";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.7.1"] = "data",
        [SignedData] = "signedData",
        [SpcIndirectData] = "Authenticode (SpcIndirectDataContent)",
        ["1.2.840.113549.1.9.3"] = "content type",
        ["1.2.840.113549.1.9.4"] = "message digest",
        ["1.2.840.113549.1.9.5"] = "signing time",
        ["1.2.840.113549.1.9.6"] = "countersignature",
        ["1.3.6.1.4.1.311.3.3.1"] = "RFC 3161 timestamp",
        ["1.3.6.1.4.1.311.2.1.12"] = "SpcSpOpusInfo (program name)",
        ["1.3.6.1.4.1.311.2.1.11"] = "SpcStatementType",
        ["1.2.840.113549.1.9.16.2.47"] = "signing certificate v2",
        ["2.16.840.1.101.3.4.2.1"] = "sha256",
        ["2.16.840.1.101.3.4.2.2"] = "sha384",
        ["2.16.840.1.101.3.4.2.3"] = "sha512",
        ["1.3.14.3.2.26"] = "sha1",
        ["1.2.840.113549.2.5"] = "md5",
        ["1.2.840.113549.1.1.1"] = "rsaEncryption",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256",
    };

    /// <summary>Whether the bytes begin a DER ContentInfo of type signedData.</summary>
    public static bool IsSignedData(ReadOnlySpan<byte> head)
    {
        try
        {
            var reader = new AsnReader(head.ToArray(), AsnEncodingRules.BER);
            var info = reader.ReadSequence();
            return info.ReadObjectIdentifier() == SignedData;
        }
        catch (AsnContentException)
        {
            // A head cut in the middle of the first element: only its start is checked, by bytes.
            var oid = (ReadOnlySpan<byte>)[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
            return head.Length > 16 && head[0] == 0x30 && head[2..16].IndexOf(oid) >= 0;
        }
    }

    public static string Render(ReadOnlyMemory<byte> der)
    {
        try
        {
            return RenderSignedData(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            throw new MalformedInputException($"not a readable PKCS#7 signature ({e.Message})", e);
        }
    }

    private static string RenderSignedData(ReadOnlyMemory<byte> der)
    {
        var text = new StringBuilder();
        var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
        var type = info.ReadObjectIdentifier();
        if (type != SignedData)
        {
            throw new AsnContentException($"content type {Name(type)}, not signedData");
        }

        var signed = info.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        text.Append(CultureInfo.InvariantCulture, $"version: {signed.ReadInteger()}\n");
        var algorithms = signed.ReadSetOf();
        while (algorithms.HasData)
        {
            text.Append("digest algorithm: ").Append(Name(algorithms.ReadSequence().ReadObjectIdentifier())).Append('\n');
        }

        var content = signed.ReadSequence();
        var contentType = content.ReadObjectIdentifier();
        text.Append("signed content: ").Append(Name(contentType)).Append('\n');
        if (content.HasData)
        {
            var inner = content.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            var bytes = inner.ReadEncodedValue();
            if (contentType == SpcIndirectData)
            {
                var spc = new AsnReader(bytes, AsnEncodingRules.BER).ReadSequence();
                spc.ReadEncodedValue(); // SpcAttributeTypeAndOptionalValue: what kind of file (PE image).
                var digest = spc.ReadSequence();
                var algorithm = digest.ReadSequence().ReadObjectIdentifier();
                text.Append("signed file digest: ").Append(Name(algorithm)).Append(' ').Append(Convert.ToHexStringLower(digest.ReadOctetString())).Append('\n');
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"signed content: {bytes.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes.Span))}\n");
            }
        }

        if (signed.HasData && signed.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, true))
        {
            var certificates = signed.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0));
            var n = 0;
            while (certificates.HasData)
            {
                Certificate(text, ++n, certificates.ReadEncodedValue());
            }
        }

        if (signed.HasData && signed.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 1, true))
        {
            text.Append(CultureInfo.InvariantCulture, $"revocation lists: {signed.ReadEncodedValue().Length} bytes\n");
        }

        var signers = signed.ReadSetOf();
        var s = 0;
        while (signers.HasData)
        {
            Signer(text, ++s, signers.ReadSequence());
        }

        return text.ToString();
    }

    private static void Certificate(StringBuilder text, int n, ReadOnlyMemory<byte> der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der.Span);
        text.Append(CultureInfo.InvariantCulture, $"certificate {n}: {certificate.Subject}\n");
        text.Append(CultureInfo.InvariantCulture, $"  issuer: {certificate.Issuer}\n");
        text.Append(CultureInfo.InvariantCulture, $"  serial: {certificate.SerialNumber.ToLowerInvariant()}\n");
        text.Append(CultureInfo.InvariantCulture, $"  valid: {Time(certificate.NotBefore.ToUniversalTime())} to {Time(certificate.NotAfter.ToUniversalTime())}\n");
        text.Append(CultureInfo.InvariantCulture, $"  sha256 fingerprint: {Convert.ToHexStringLower(SHA256.HashData(der.Span))}\n");
    }

    private static void Signer(StringBuilder text, int n, AsnReader signer)
    {
        text.Append(CultureInfo.InvariantCulture, $"signer {n}: version {signer.ReadInteger()}\n");
        if (signer.PeekTag() == Asn1Tag.Sequence)
        {
            var id = signer.ReadSequence();
            var issuer = new X500DistinguishedName(id.ReadEncodedValue().Span).Name;
            text.Append(CultureInfo.InvariantCulture, $"  certificate: issuer {issuer}, serial {Convert.ToHexStringLower(id.ReadIntegerBytes().Span)}\n");
        }
        else
        {
            text.Append("  certificate: subject key id ").Append(Convert.ToHexStringLower(signer.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0)))).Append('\n');
        }

        text.Append("  digest algorithm: ").Append(Name(signer.ReadSequence().ReadObjectIdentifier())).Append('\n');
        if (signer.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, true))
        {
            Attributes(text, "signed", signer.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0)));
        }

        text.Append("  signature algorithm: ").Append(Name(signer.ReadSequence().ReadObjectIdentifier())).Append('\n');
        var signature = signer.ReadOctetString();
        text.Append(CultureInfo.InvariantCulture, $"  signature: {signature.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(signature))}\n");
        if (signer.HasData && signer.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 1, true))
        {
            Attributes(text, "unsigned", signer.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 1)));
        }
    }

    private static void Attributes(StringBuilder text, string kind, AsnReader attributes)
    {
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var oid = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf();
            var value = values.ReadEncodedValue();
            var shown = oid switch
            {
                "1.2.840.113549.1.9.3" => Name(new AsnReader(value, AsnEncodingRules.BER).ReadObjectIdentifier()),
                "1.2.840.113549.1.9.4" => Convert.ToHexStringLower(new AsnReader(value, AsnEncodingRules.BER).ReadOctetString()),
                "1.2.840.113549.1.9.5" => SigningTime(value),
                _ => $"{value.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(value.Span))[..16]}",
            };
            text.Append(CultureInfo.InvariantCulture, $"  {kind} attribute {Name(oid)}: {shown}\n");
        }
    }

    private static string SigningTime(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.BER);
        var time = reader.PeekTag() == Asn1Tag.UtcTime ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
        return Time(time.UtcDateTime);
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Name(string oid) => Names.TryGetValue(oid, out var name) ? $"{name} ({oid})" : oid;
}
