using System.CommandLine;

namespace VodManager.Web.Hosting.Cli;

/// <summary>One CLI verb (`./vodmanager &lt;verb&gt;`); it acts as the operator, with no sign-in.</summary>
public interface ICliVerb
{
    string Name { get; }

    Command Build(CliContext cli);
}
