using System.Text;

namespace VodManager.Testing;

/// <summary>
/// The output of app processes a test started, for its failure messages. Lines arrive on the processes' reader threads
/// while the test builds messages from it on every poll, so both sides take the lock (a bare StringBuilder threw
/// from ToString in a two-node run).
/// </summary>
public sealed class ProcessLog
{
    private readonly StringBuilder _text = new();

    public void Append(string line)
    {
        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
