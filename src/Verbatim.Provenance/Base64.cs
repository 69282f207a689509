namespace Verbatim.Provenance;

/// <summary>Decodes base64 as DSSE allows it: the standard or URL-safe alphabet, with or without padding.</summary>
internal static class Base64
{
    public static byte[]? Decode(string text)
    {
        if (text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = (standard.Length % 4) switch
        {
            2 => standard + "==",
            3 => standard + "=",
            _ => standard,
        };
        var buffer = new byte[standard.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(standard, buffer, out var written) ? buffer[..written] : null;
    }
}
