using System.Globalization;
using Verbatim.Core.Native;

namespace Verbatim.Core.IO;

/// <summary>
/// A private temporary directory (mode 0700) for spooled member contents. Each file in it is unlinked as soon as it
/// is created and lives on only as an open handle, so even a killed run (SIGKILL) leaves no spooled bytes behind,
/// only the empty directory; <see cref="Create"/> removes those of runs that are no longer alive.
/// </summary>
public sealed class TempArea : IDisposable
{
    private const string Prefix = "verbatim-";

    private long counter;

    private TempArea(string path) => Path = path;

    public string Path { get; }

    public static TempArea Create()
    {
        var parent = System.IO.Path.GetTempPath();
        RemoveStale(parent);
        var area = new TempArea(System.IO.Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        area.EnsureDirectory();
        return area;
    }

    /// <summary>Creates a new empty file, already unlinked: it is freed when its stream is closed or the process ends.</summary>
    public FileStream CreateFile()
    {
        var name = System.IO.Path.Combine(Path, $"{Interlocked.Increment(ref counter):x8}.spool");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 1 << 16,
            Options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(name, options);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed under us (by hand, or by another run that took this one for dead): make it again.
            EnsureDirectory();
            stream = new FileStream(name, options);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.Delete(name);
        }

        return stream;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void EnsureDirectory()
    {
        var info = Directory.CreateDirectory(Path);
        if (!OperatingSystem.IsWindows())
        {
            info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
    }

    /// <summary>Removes the areas (<c>verbatim-PID-GUID</c>) of our runs whose process is gone.</summary>
    private static void RemoveStale(string parent)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            foreach (var directory in Directory.EnumerateDirectories(parent, Prefix + "*"))
            {
                if (OwnerPid(System.IO.Path.GetFileName(directory)) is { } pid && pid != Environment.ProcessId && !Posix.ProcessExists(pid))
                {
                    try
                    {
                        Directory.Delete(directory, recursive: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Another user's, or being removed by another run: not ours to fight over.
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The PID in <c>verbatim-PID-GUID</c> (32 hex digits), or null for any other name.</summary>
    internal static int? OwnerPid(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = name[Prefix.Length..].Split('-');
        return parts.Length == 2 && parts[1].Length == 32 && parts[1].All(Uri.IsHexDigit) &&
               int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;
    }
}
