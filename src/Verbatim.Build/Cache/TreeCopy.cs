namespace Verbatim.Build.Cache;

/// <summary>Copies and deletes trees, keeping permission bits and symbolic links (never following them).</summary>
public static class TreeCopy
{
    /// <summary>Copies the directory <paramref name="source"/>'s contents into <paramref name="target"/> (created if needed).</summary>
    public static void CopyContents(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(destination, link);
            }
            else if (entry is DirectoryInfo)
            {
                System.IO.Directory.CreateDirectory(destination);
                CopyContents(entry.FullName, destination);
                File.SetUnixFileMode(destination, entry.UnixFileMode);
            }
            else
            {
                CopyFile(entry.FullName, destination);
            }
        }
    }

    public static void CopyFile(string source, string destination)
    {
        File.Copy(source, destination, overwrite: true);
        File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
    }

    /// <summary>Removes a file, link or tree; missing is fine. Read-only directories are made writable first.</summary>
    public static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
            return;
        }

        if (!System.IO.Directory.Exists(path))
        {
            return;
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        System.IO.Directory.Delete(path, recursive: true);
    }
}
