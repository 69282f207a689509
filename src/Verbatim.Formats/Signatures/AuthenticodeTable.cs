using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Signatures;

/// <summary>
/// A PE file's certificate table (the security directory): WIN_CERTIFICATE entries, each a length, a revision, a
/// type and the certificate (a PKCS#7 SignedData for type 2), 8-byte aligned. Rendered entry by entry.
/// </summary>
internal static class AuthenticodeTable
{
    private const ushort PkcsSignedData = 2;

    public static string Render(IContent table)
    {
        if (table.Length > Pkcs7Format.MaxBytes)
        {
            throw new LimitExceededException($"a certificate table of {table.Length} bytes is more than the {Pkcs7Format.MaxBytes >> 20} MiB read");
        }

        var bytes = new byte[table.Length];
        using (var stream = table.Open())
        {
            stream.ReadExactly(bytes);
        }

        var text = new StringBuilder();
        var at = 0;
        var n = 0;
        while (at + 8 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var revision = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 4));
            var type = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 6));
            if (length < 8 || at + length > bytes.Length)
            {
                throw new MalformedInputException($"certificate table entry at offset {at}: length {length} does not fit");
            }

            text.Append(CultureInfo.InvariantCulture, $"entry {++n}: revision 0x{revision:x4}, type {type}{(type == PkcsSignedData ? " (PKCS#7 SignedData)" : "")}, {length} bytes\n");
            if (type == PkcsSignedData)
            {
                text.Append(Pkcs7Listing.Render(bytes.AsMemory(at + 8, length - 8)));
            }

            at += (length + 7) & ~7;
        }

        return text.ToString();
    }
}
