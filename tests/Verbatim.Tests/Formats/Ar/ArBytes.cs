using System.Text;

namespace Verbatim.Tests.Formats.Ar;

/// <summary>Writes ar archives byte by byte, for variants and damage the installed ar will not produce.</summary>
public static class ArBytes
{
    /// <summary>Each member: the raw name field, bytes put before the data (a BSD name), and the data.</summary>
    public static byte[] Build(params (string Name, string Prefix, string Data)[] members)
    {
        var output = new MemoryStream();
        output.Write("!<arch>\n"u8);
        foreach (var (name, prefix, data) in members)
        {
            var body = Encoding.UTF8.GetBytes(prefix + data);
            var header = $"{name,-16}{0,-12}{0,-6}{0,-6}{"100644",-8}{body.Length,-10}`\n";
            output.Write(Encoding.ASCII.GetBytes(header));
            output.Write(body);
            if (body.Length % 2 == 1)
            {
                output.WriteByte((byte)'\n');
            }
        }

        return output.ToArray();
    }
}
