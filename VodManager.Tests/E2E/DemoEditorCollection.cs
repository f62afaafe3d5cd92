namespace VodManager.Tests.E2E;

/// <summary>Browser tests of the editor share one running demo app; starting it (and generating the demo) is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class DemoEditorCollection : ICollectionFixture<DemoEditorApp>
{
    public const string Name = "demo editor";
}
