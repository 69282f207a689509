using System.Runtime.InteropServices;

namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// Raw deflate through the system's zlib (<c>libz.so.1</c>), not .NET's (zlib-ng) nor Node's (Chromium's fork): the
/// same level gives the same bytes as any other program on this system linked with it, which is what reproduces a
/// tarball that a zlib-based packer wrote.
/// </summary>
internal static unsafe partial class SystemDeflate
{
    private const string Library = "libz.so.1";
    private const int Finish = 4;
    private const int StreamEnd = 1;
    private const int Deflated = 8;

    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public nuint TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public nuint TotalOut;
        public IntPtr Msg;
        public IntPtr State;
        public IntPtr ZAlloc;
        public IntPtr ZFree;
        public IntPtr Opaque;
        public int DataType;
        public nuint Adler;
        public nuint Reserved;
    }

    [LibraryImport(Library, EntryPoint = "deflateInit2_", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int DeflateInit2(ZStream* strm, int level, int method, int windowBits, int memLevel, int strategy, string version, int streamSize);

    [LibraryImport(Library, EntryPoint = "deflate")]
    private static partial int Deflate(ZStream* strm, int flush);

    [LibraryImport(Library, EntryPoint = "deflateEnd")]
    private static partial int DeflateEnd(ZStream* strm);

    [LibraryImport(Library, EntryPoint = "deflateBound")]
    private static partial nuint DeflateBound(ZStream* strm, nuint sourceLen);

    [LibraryImport(Library, EntryPoint = "zlibVersion")]
    private static partial IntPtr ZlibVersion();

    /// <summary>The system zlib's version, e.g. <c>1.2.13</c>.</summary>
    public static string Version => Marshal.PtrToStringUTF8(ZlibVersion()) ?? "unknown";

    /// <summary>Compresses <paramref name="data"/> as one raw deflate stream (15-bit window, memLevel 8, default strategy) at <paramref name="level"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        try
        {
            if (DeflateInit2(stream, level, Deflated, -15, 8, 0, Version, sizeof(ZStream)) != 0)
            {
                throw new InvalidOperationException("the system zlib refused deflateInit2");
            }

            try
            {
                var bound = (int)DeflateBound(stream, (nuint)data.Length) + 64;
                var output = new byte[bound];
                fixed (byte* input = data)
                fixed (byte* target = output)
                {
                    stream->NextIn = input;
                    stream->AvailIn = (uint)data.Length;
                    stream->NextOut = target;
                    stream->AvailOut = (uint)output.Length;
                    if (Deflate(stream, Finish) != StreamEnd)
                    {
                        throw new InvalidOperationException("the system zlib did not finish the stream");
                    }
                }

                return output.AsSpan(0, (int)stream->TotalOut).ToArray();
            }
            finally
            {
                _ = DeflateEnd(stream);
            }
        }
        finally
        {
            NativeMemory.Free(stream);
        }
    }
}
