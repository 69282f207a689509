using Verbatim.Common.Verdicts;

namespace Verbatim.Tests.Common;

public sealed class VerdictTests
{
    [Theory]
    [InlineData(Verdict.Reproducible, "reproducible")]
    [InlineData(Verdict.EquivalentAfterNormalization, "equivalent-after-normalization")]
    [InlineData(Verdict.NotReproducible, "not-reproducible")]
    [InlineData(Verdict.BuildFailed, "build-failed")]
    public void Each_verdict_has_one_name_that_parses_back(Verdict verdict, string name)
    {
        Assert.Equal(name, verdict.Name());
        Assert.True(VerdictNames.TryParse(name, out var parsed));
        Assert.Equal(verdict, parsed);
    }

    [Fact]
    public void Unknown_names_do_not_parse()
    {
        Assert.False(VerdictNames.TryParse("Reproducible", out _));
        Assert.False(VerdictNames.TryParse(null, out _));
    }

    [Fact]
    public void Applied_normalizations_compare_by_artifact_and_ids_in_order()
    {
        var a = new AppliedNormalization("dist/x.zip", ["zip-timestamps", "zip-order"]);
        Assert.Equal(a, new AppliedNormalization("dist/x.zip", ["zip-timestamps", "zip-order"]));
        Assert.NotEqual(a, new AppliedNormalization("dist/x.zip", ["zip-order", "zip-timestamps"]));
        Assert.NotEqual(a, new AppliedNormalization("dist/y.zip", ["zip-timestamps", "zip-order"]));
        Assert.Throws<ArgumentException>(() => new AppliedNormalization("dist/x.zip", []));
    }
}
