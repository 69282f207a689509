using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.Native;

/// <summary>
/// The few libc calls that take a path as raw bytes, so that names which are not UTF-8 (System.IO cannot name them)
/// can still be opened, listed and examined. Linux only; callers check <see cref="IsAvailable"/>.
/// </summary>
public static unsafe class Posix
{
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    /// <summary>Whether the raw calls (and the struct layouts they need) are known on this platform.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Opens <paramref name="path"/> for reading. <paramref name="nonBlocking"/> keeps a FIFO from blocking the open.</summary>
    public static SafeFileHandle Open(byte[] path, bool nonBlocking = false)
    {
        int fd;
        fixed (byte* p = Terminated(path))
        {
            fd = OpenNative(p, OCloExec | (nonBlocking ? ONonBlock : 0), 0);
        }

        if (fd < 0)
        {
            throw Error(path);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The names in directory <paramref name="path"/> (without "." and ".."), as raw bytes.</summary>
    public static List<byte[]> ReadDirectory(byte[] path)
    {
        nint dir;
        fixed (byte* p = Terminated(path))
        {
            dir = OpenDir(p);
        }

        if (dir == 0)
        {
            throw Error(path);
        }

        var names = new List<byte[]>();
        try
        {
            while (true)
            {
                var entry = (byte*)ReadDir(dir);
                if (entry == null)
                {
                    break;
                }

                // struct dirent (glibc, 64-bit): d_ino(8) d_off(8) d_reclen(2) d_type(1) d_name[]
                var name = new ReadOnlySpan<byte>(entry + 19, 256);
                var length = name.IndexOf((byte)0);
                name = name[..(length < 0 ? name.Length : length)];
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }

                names.Add(name.ToArray());
            }
        }
        finally
        {
            _ = CloseDir(dir);
        }

        return names;
    }

    /// <summary>The target of symbolic link <paramref name="path"/>, as raw bytes.</summary>
    public static byte[] ReadLink(byte[] path)
    {
        var buffer = new byte[4096];
        nint n;
        fixed (byte* p = Terminated(path))
        fixed (byte* b = buffer)
        {
            n = ReadLinkNative(p, b, buffer.Length);
        }

        if (n < 0)
        {
            throw Error(path);
        }

        return buffer[..(int)n];
    }

    /// <summary>Runs stat (following links) or lstat into a struct stat buffer.</summary>
    internal static void Stat(byte[] path, bool follow, Span<byte> buffer)
    {
        int rc;
        fixed (byte* p = Terminated(path))
        fixed (byte* b = buffer)
        {
            rc = follow ? StatNative(p, b) : LStatNative(p, b);
        }

        if (rc != 0)
        {
            throw Error(path);
        }
    }

    internal static void Stat(SafeFileHandle handle, Span<byte> buffer)
    {
        int rc;
        fixed (byte* b = buffer)
        {
            rc = FStatNative((int)handle.DangerousGetHandle(), b);
        }

        if (rc != 0)
        {
            throw new IOException(Marshal.GetLastPInvokeErrorMessage());
        }
    }

    /// <summary>Waits up to <paramref name="milliseconds"/> for <paramref name="handle"/> to be readable (or at its end); false on timeout.</summary>
    public static bool WaitReadable(SafeFileHandle handle, int milliseconds)
    {
        // struct pollfd { int fd; short events; short revents; }, POLLIN = 1
        Span<int> poll = [(int)handle.DangerousGetHandle(), 1];
        int rc;
        fixed (int* p = poll)
        {
            rc = PollNative(p, 1, milliseconds);
        }

        if (rc < 0 && Marshal.GetLastPInvokeError() != 4) // EINTR: try again
        {
            throw new IOException(Marshal.GetLastPInvokeErrorMessage());
        }

        return rc > 0;
    }

    /// <summary>Whether process <paramref name="pid"/> exists (kill with signal 0; a process of another user counts).</summary>
    public static bool ProcessExists(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != 3; // ESRCH
    }

    private static byte[] Terminated(byte[] path)
    {
        if (path.AsSpan().IndexOf((byte)0) >= 0)
        {
            throw new FileNotFoundException("a path cannot hold a NUL byte");
        }

        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated, 0);
        return terminated;
    }

    private static IOException Error(byte[] path)
    {
        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetLastPInvokeErrorMessage();
        return errno switch
        {
            ENOENT or ENOTDIR => new FileNotFoundException(message),
            EACCES => new PermissionDeniedException(message),
            ELOOP => new IOException("too many levels of symbolic links"),
            _ => new IOException(message),
        };
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte* path, int flags, int mode);

    [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static extern nint OpenDir(byte* path);

    [DllImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static extern nint ReadDir(nint dir);

    [DllImport("libc", EntryPoint = "closedir", SetLastError = true)]
    private static extern int CloseDir(nint dir);

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static extern nint ReadLinkNative(byte* path, byte* buffer, nint size);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int StatNative(byte* path, byte* buffer);

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LStatNative(byte* path, byte* buffer);

    [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static extern int FStatNative(int fd, byte* buffer);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int PollNative(int* fds, nuint count, int timeout);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
