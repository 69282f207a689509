using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Verbatim.Rebuild;
using Verbatim.Rebuild.Results;
using Verbatim.Tests.Build;

namespace Verbatim.Tests.Rebuild;

/// <summary>Runs rebuilds through the library with the shared test cache, and edits tarballs to make tampered references.</summary>
internal static class RebuildSupport
{
    public static RebuildResult Run(RebuildRequest request, string outDir, Verbatim.Provenance.SigningKey? key = null, List<string>? log = null) =>
        Rebuilder.RunAsync(request, new RebuildOptions
        {
            Store = BuildSupport.Store,
            OutDir = outDir,
            SigningKey = key,
            Progress = e => { if (log is not null) { lock (log) { log.Add(e.Message); } } },
        }).GetAwaiter().GetResult();

    /// <summary>Runs a program and returns its standard output; fails the test when it fails.</summary>
    public static string Exec(string program, string directory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
        return output.Result;
    }

    /// <summary>The tar inside a gzip.</summary>
    public static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The offset of the ustar header of member <paramref name="name"/>.</summary>
    public static int Header(byte[] tar, string name)
    {
        for (var at = 0; at + 512 <= tar.Length; at += 512)
        {
            var header = Encoding.ASCII.GetString(tar, at, 100).TrimEnd('\0');
            if (header == name)
            {
                return at;
            }

            if (header.Length == 0)
            {
                break;
            }

            var size = Convert.ToInt64(Encoding.ASCII.GetString(tar, at + 124, 11).Trim('\0', ' '), 8);
            at += (int)((size + 511) / 512 * 512);
        }

        throw new InvalidOperationException($"{name} is not in the tar");
    }

    /// <summary>Sets member <paramref name="name"/>'s mtime and fixes the header checksum.</summary>
    public static void SetMtime(byte[] tar, string name, long mtime)
    {
        var at = Header(tar, name);
        Encoding.ASCII.GetBytes(Convert.ToString(mtime, 8).PadLeft(11, '0') + "\0").CopyTo(tar, at + 136);
        Array.Fill(tar, (byte)' ', at + 148, 8);
        var sum = 0;
        for (var i = 0; i < 512; i++)
        {
            sum += tar[at + i];
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, at + 148);
    }

    /// <summary>Changes one byte of member <paramref name="name"/>'s data.</summary>
    public static void Tamper(byte[] tar, string name) => tar[Header(tar, name) + 512] ^= 0x20;

    public static string Date(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy", CultureInfo.InvariantCulture);

    /// <summary>Each member's blocks (header and data) by name, for a tar of plain ustar members.</summary>
    public static Dictionary<string, byte[]> Members(byte[] tar)
    {
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var at = 0; at + 512 <= tar.Length && tar[at] != 0;)
        {
            var name = Encoding.ASCII.GetString(tar, at, 100).TrimEnd('\0');
            var size = Convert.ToInt64(Encoding.ASCII.GetString(tar, at + 124, 12).Trim('\0', ' '), 8);
            var length = 512 + (int)((size + 511) / 512 * 512);
            members[name] = tar[at..(at + length)];
            at += length;
        }

        return members;
    }

    /// <summary>Writes a numeric header field as node-tar does: octal, zero-padded to leave a space and a NUL (or just a NUL when the digits fill it).</summary>
    public static void NodeTarField(byte[] header, int offset, int size, long value)
    {
        var digits = Convert.ToString(value, 8);
        Encoding.ASCII.GetBytes(digits.Length == size - 1 ? digits + "\0" : digits.PadLeft(size - 2, '0') + " \0").CopyTo(header, offset);
    }

    /// <summary>Recomputes the header checksum, written as node-tar writes it.</summary>
    public static void NodeTarChecksum(byte[] header)
    {
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = 0;
        for (var i = 0; i < 512; i++)
        {
            sum += header[i];
        }

        NodeTarField(header, 148, 8, sum);
    }
}
