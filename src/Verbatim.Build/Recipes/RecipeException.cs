namespace Verbatim.Build.Recipes;

/// <summary>A recipe that cannot be used; the message is one line naming the file and the problem.</summary>
public sealed class RecipeException : Exception
{
    public RecipeException(string message)
        : base(message)
    {
    }

    public RecipeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
