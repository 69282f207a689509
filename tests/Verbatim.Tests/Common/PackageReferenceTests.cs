using Verbatim.Common.Packages;

namespace Verbatim.Tests.Common;

public sealed class PackageReferenceTests
{
    [Theory]
    [InlineData("debian/hello@2.10-3/hello_2.10-3_amd64.deb", "debian", "hello", "2.10-3", "hello_2.10-3_amd64.deb")]
    [InlineData("npm/@scope/pkg@1.0.0/pkg-1.0.0.tgz", "npm", "@scope/pkg", "1.0.0", "pkg-1.0.0.tgz")]
    [InlineData("pypi/verbatim-hello@1.0.0/verbatim_hello-1.0.0-py3-none-any.whl", "pypi", "verbatim-hello", "1.0.0", "verbatim_hello-1.0.0-py3-none-any.whl")]
    public void Parse_and_ToString_round_trip(string text, string ecosystem, string name, string version, string file)
    {
        var reference = PackageReference.Parse(text);
        Assert.Equal((ecosystem, name, version, file), (reference.Ecosystem, reference.Name, reference.Version, reference.ArtifactFileName));
        Assert.Equal(text, reference.ToString());
        Assert.Equal(new PackageReference(ecosystem, name, version, file), reference);
    }

    [Theory]
    [InlineData("hello@1/x.deb")]
    [InlineData("debian/hello/x.deb")]
    [InlineData("debian/hello@1/")]
    [InlineData("Debian/hello@1/x.deb")]
    [InlineData("debian/hel lo@1/x.deb")]
    [InlineData("debian/hello@1/..")]
    public void Malformed_references_are_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => PackageReference.Parse(text));
        Assert.StartsWith($"'{text}' is not a package reference", error.Message, StringComparison.Ordinal);
    }
}
