using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>
/// Raw deflate through the system's zlib (<c>libz.so.1</c>), not .NET's (zlib-ng) nor Node's (Chromium's fork): the
/// same level gives the same bytes as any other program on this system linked with it, which is what reproduces a
/// tarball that a zlib-based packer wrote.
/// </summary>
public static unsafe class SystemDeflate
{
    private const int Finish = 4;
    private const int Deflated = 8;

    /// <summary>The system zlib's version, e.g. <c>1.2.13</c>.</summary>
    public static string Version => Marshal.PtrToStringUTF8(Zlib.ZlibVersion()) ?? "unknown";

    /// <summary>Compresses <paramref name="data"/> as one raw deflate stream (15-bit window, memLevel 8, default strategy) at <paramref name="level"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        var stream = (Zlib.Stream*)NativeMemory.AllocZeroed((nuint)sizeof(Zlib.Stream));
        try
        {
            if (Zlib.DeflateInit2(stream, level, Deflated, -15, 8, 0, Version, sizeof(Zlib.Stream)) != 0)
            {
                throw new InvalidOperationException("the system zlib refused deflateInit2");
            }

            try
            {
                var bound = (int)Zlib.DeflateBound(stream, (nuint)data.Length) + 64;
                var output = new byte[bound];
                fixed (byte* input = data)
                fixed (byte* target = output)
                {
                    stream->NextIn = input;
                    stream->AvailIn = (uint)data.Length;
                    stream->NextOut = target;
                    stream->AvailOut = (uint)output.Length;
                    if (Zlib.Deflate(stream, Finish) != Zlib.StreamEnd)
                    {
                        throw new InvalidOperationException("the system zlib did not finish the stream");
                    }
                }

                return output.AsSpan(0, (int)stream->TotalOut).ToArray();
            }
            finally
            {
                _ = Zlib.DeflateEnd(stream);
            }
        }
        finally
        {
            NativeMemory.Free(stream);
        }
    }
}
