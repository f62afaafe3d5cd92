using VodManager.Core.Data.Entities;

namespace VodManager.Web.Components.Highlights;

/// <summary>Rows are the same highlight when their ids match, so a selection survives the table reloading fresh rows.</summary>
public sealed class HighlightIdComparer : IEqualityComparer<Highlight>
{
    public static readonly HighlightIdComparer Instance = new();

    public bool Equals(Highlight? x, Highlight? y) => x?.Id == y?.Id;

    public int GetHashCode(Highlight obj) => obj.Id;
}
