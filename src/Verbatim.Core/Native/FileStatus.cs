using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.Native;

/// <summary>What <c>lstat(2)</c> (or <c>stat</c>, <c>fstat</c>) says of a file: its type, permission bits, owner and size.</summary>
public readonly record struct FileStatus(uint Mode, uint Uid, uint Gid, long Size)
{
    public const uint TypeMask = 0xF000;
    public const uint Regular = 0x8000;
    public const uint Directory = 0x4000;
    public const uint Symlink = 0xA000;
    public const uint CharDevice = 0x2000;
    public const uint BlockDevice = 0x6000;
    public const uint Fifo = 0x1000;
    public const uint Socket = 0xC000;

    public uint Type => Mode & TypeMask;

    public uint Permissions => Mode & 0xFFF;

    /// <summary>The status of <paramref name="path"/> (not following a link), or null where the layout is not known (not Linux x86-64/arm64).</summary>
    public static FileStatus? Of(string path) => Of(RawPath.Of(path), follow: false);

    /// <summary>The status of raw <paramref name="path"/>: of the link itself, or with <paramref name="follow"/> of what it points to.</summary>
    public static FileStatus? Of(byte[] path, bool follow)
    {
        if (!Posix.IsAvailable)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            Posix.Stat(path, follow, buffer);
        }
        catch (IOException e) when (e is not FileNotFoundException and not PermissionDeniedException)
        {
            throw new IOException($"{RawPath.Display(path)}: {e.Message}", e);
        }

        return Decode(buffer);
    }

    /// <summary>The status of an open file.</summary>
    public static FileStatus? Of(SafeFileHandle handle)
    {
        if (!Posix.IsAvailable)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        Posix.Stat(handle, buffer);
        return Decode(buffer);
    }

    /// <summary>"a FIFO", "a socket", "a character device", "a block device" for special files; null for others.</summary>
    public string? SpecialKind => Type switch
    {
        Fifo => "a named pipe (FIFO)",
        Socket => "a socket",
        CharDevice => "a character device",
        BlockDevice => "a block device",
        _ => null,
    };

    /// <summary>Why <paramref name="path"/> (links followed) is not a file to read, or null when it is one (or cannot be told).</summary>
    public static string? SpecialFileProblem(string path)
    {
        try
        {
            return Of(RawPath.Of(path), follow: true)?.SpecialKind is { } kind ? $"is {kind}, not a regular file" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static FileStatus? Decode(ReadOnlySpan<byte> buffer)
    {
        return RuntimeInformation.ProcessArchitecture switch
        {
            // struct stat on x86-64: dev(8) ino(8) nlink(8) mode(4) uid(4) gid(4) pad(4) rdev(8) size(8)
            Architecture.X64 => new FileStatus(Read(buffer, 24), Read(buffer, 28), Read(buffer, 32), BitConverter.ToInt64(buffer[48..])),
            // generic (arm64): dev(8) ino(8) mode(4) nlink(4) uid(4) gid(4) rdev(8) pad(8) size(8)
            Architecture.Arm64 => new FileStatus(Read(buffer, 16), Read(buffer, 24), Read(buffer, 28), BitConverter.ToInt64(buffer[48..])),
            _ => null,
        };

        static uint Read(ReadOnlySpan<byte> b, int offset) => BitConverter.ToUInt32(b[offset..]);
    }
}
