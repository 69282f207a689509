using System.Globalization;
using System.Text;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Core.Native;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Directory;

/// <summary>
/// Compares two directory trees: names, file types, symlink targets, permissions, owners, sizes and contents.
/// Symbolic links are never followed, so link loops cannot trap the walk. Modification times are not compared:
/// a directory tree records them for every build.
/// </summary>
public static class DirectoryComparer
{
    public static Task<Difference?> CompareAsync(string path1, string path2, ComparisonContext context) =>
        CompareAsync(path1, RawPath.Of(path1), path2, RawPath.Of(path2), context);

    /// <summary>Compares the trees at raw paths <paramref name="raw1"/> and <paramref name="raw2"/>, shown as <paramref name="path1"/> and <paramref name="path2"/>.</summary>
    public static async Task<Difference?> CompareAsync(string path1, byte[] raw1, string path2, byte[] raw2, ComparisonContext context)
    {
        var display1 = path1.TrimEnd('/');
        var display2 = path2.TrimEnd('/');
        var children = await MemberComparer.CompareAsync(display1, display2, Walk(raw1, display1, context), Walk(raw2, display2, context), context.Deeper(), "/").ConfigureAwait(false);
        var own = FieldCauses.Compare(path1, path2, DirectoryFields(raw1), DirectoryFields(raw2));
        if (children.Count == 0 && own.Count == 0)
        {
            return null;
        }

        return new Difference
        {
            Path1 = path1,
            Path2 = path2,
            Kind = DifferenceKind.Node,
            Format = "directory",
            Children = [.. own, .. children],
        };
    }

    private static IReadOnlyList<MemberField> DirectoryFields(byte[] path) =>
        FileStatus.Of(path, follow: true) is { } s ? [new MemberField("mode", Octal(s.Permissions), CauseKind.Permissions)] : [];

    /// <summary>Every entry below <paramref name="root"/>, depth first, each directory's entries in byte order of their names.</summary>
    private static IEnumerable<Member> Walk(byte[] root, string display, ComparisonContext context)
    {
        var stack = new Stack<byte[]>();
        stack.Push([]);
        while (stack.Count > 0)
        {
            var relative = stack.Pop();
            var full = relative.Length == 0 ? root : RawPath.Join(root, relative);
            List<byte[]> names;
            string? error = null;
            try
            {
                names = ReadDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                names = [];
                error = Reasons.ForIo(e);
            }

            if (error is not null && relative.Length > 0)
            {
                yield return new Member { Name = MemberNames.Display(relative), Type = MemberType.Directory, Unreadable = error };
                continue;
            }

            names.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
            var subdirectories = new List<byte[]>();
            foreach (var name in names)
            {
                var rel = relative.Length == 0 ? name : RawPath.Join(relative, name);
                var member = Describe(RawPath.Join(full, name), rel, display, context);
                if (member.Type == MemberType.Directory)
                {
                    subdirectories.Add(rel);
                }

                yield return member;
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                stack.Push(subdirectories[i]);
            }
        }
    }

    private static List<byte[]> ReadDirectory(byte[] path) => Posix.IsAvailable
        ? Posix.ReadDirectory(path)
        : System.IO.Directory.GetFileSystemEntries(Encoding.UTF8.GetString(path)).Select(Path.GetFileName).OfType<string>().Select(Encoding.UTF8.GetBytes).ToList();

    private static Member Describe(byte[] path, byte[] relative, string root, ComparisonContext context)
    {
        var name = MemberNames.Display(relative);
        if (!Posix.IsAvailable)
        {
            return DescribeManaged(Encoding.UTF8.GetString(path), name, root);
        }

        FileStatus status;
        try
        {
            status = FileStatus.Of(path, follow: false)!.Value;
        }
        catch (IOException e)
        {
            return new Member { Name = name, Type = MemberType.Other, Unreadable = Reasons.ForIo(e) };
        }

        var type = TypeOf(status.Type);
        var fields = new List<MemberField>();
        if (type != MemberType.Symlink)
        {
            fields.Add(new MemberField("mode", Octal(status.Permissions), CauseKind.Permissions));
            fields.Add(new MemberField("owner", $"{status.Uid}:{status.Gid}", CauseKind.Ownership));
        }

        IContent? content = null;
        string? unreadable = null;
        string? linkTarget = null;
        if (type == MemberType.File)
        {
            try
            {
                using (Posix.Open(path))
                {
                }

                content = new FileContent($"{root}/{name}", status.Size, path);
                context.Spool.AddInput(status.Size);
                fields.Add(new MemberField("size", status.Size.ToString(CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable = Reasons.ForIo(e);
            }
        }
        else if (type == MemberType.Symlink)
        {
            try
            {
                linkTarget = MemberNames.Display(Posix.ReadLink(path));
            }
            catch (IOException e)
            {
                unreadable = Reasons.ForIo(e);
            }
        }

        return new Member { Name = name, Type = type, Fields = fields, Content = content, LinkTarget = linkTarget, Unreadable = unreadable };
    }

    /// <summary>Where raw calls are not available: what System.IO can tell.</summary>
    private static Member DescribeManaged(string path, string name, string root)
    {
        var info = new FileInfo(path);
        var type = info.LinkTarget is not null ? MemberType.Symlink : info.Attributes.HasFlag(FileAttributes.Directory) ? MemberType.Directory : MemberType.File;
        IContent? content = null;
        var fields = new List<MemberField>();
        if (type == MemberType.File)
        {
            content = new FileContent($"{root}/{name}", info.Length);
            fields.Add(new MemberField("size", info.Length.ToString(CultureInfo.InvariantCulture)));
        }

        return new Member { Name = name, Type = type, Fields = fields, Content = content, LinkTarget = info.LinkTarget };
    }

    private static MemberType TypeOf(uint type) => type switch
    {
        FileStatus.Regular => MemberType.File,
        FileStatus.Directory => MemberType.Directory,
        FileStatus.Symlink => MemberType.Symlink,
        FileStatus.CharDevice => MemberType.CharacterDevice,
        FileStatus.BlockDevice => MemberType.BlockDevice,
        FileStatus.Fifo => MemberType.Fifo,
        FileStatus.Socket => MemberType.Socket,
        _ => MemberType.Other,
    };

    private static string Octal(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
}
