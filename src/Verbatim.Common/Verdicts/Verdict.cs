namespace Verbatim.Common.Verdicts;

/// <summary>What a rebuild (or a build done twice) found, as <c>verbatim check</c> and <c>verbatim rebuild</c> report it.</summary>
public enum Verdict
{
    /// <summary>Every artifact is bit-for-bit identical.</summary>
    Reproducible,

    /// <summary>Identical only after the normalizations listed with the verdict were applied.</summary>
    EquivalentAfterNormalization,

    /// <summary>Some artifact differs even after normalization.</summary>
    NotReproducible,

    /// <summary>The build did not finish, so nothing could be compared.</summary>
    BuildFailed,
}
