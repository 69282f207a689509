using System.Globalization;

namespace Verbatim.Common.Records;

/// <summary>One installed Debian package, as dpkg-query reports it.</summary>
public sealed record InstalledPackage(string Name, string Version, string Architecture)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Version}");
}
