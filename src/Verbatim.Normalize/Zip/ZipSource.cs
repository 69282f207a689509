using Verbatim.Archives.Zip;

namespace Verbatim.Normalize.Zip;

/// <summary>What normalization needs of a zip read by the shared zip reader: its entries in order, its comment, and whether it carries an APK signing block.</summary>
internal sealed record ZipSource(IReadOnlyList<ZipEntry> Entries, byte[] Comment, bool HasApkSigningBlock, bool HasPrefix);
