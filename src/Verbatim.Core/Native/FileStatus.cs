using System.Runtime.InteropServices;

namespace Verbatim.Core.Native;

/// <summary>What <c>lstat(2)</c> says of a path: its type and permission bits and its owner, without following links.</summary>
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

    /// <summary>The status of <paramref name="path"/>, or null where lstat's layout is not known (not Linux x86-64/arm64).</summary>
    public static FileStatus? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        int rc;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                rc = LStat(path, p);
            }
        }

        if (rc != 0)
        {
            throw new IOException($"{path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

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

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern unsafe int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);
}
