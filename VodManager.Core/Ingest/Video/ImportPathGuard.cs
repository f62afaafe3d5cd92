using Microsoft.Extensions.Options;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Decides whether a server path typed into the import box (or given to the CLI) may be read: only regular files
/// whose real location, after every symbolic link is followed, lies under one of <c>Import:Roots</c>. A refusal
/// names the rule the path broke and only the path as given: never where a link leads nor where the roots are, which
/// would map the server's disk for whoever types paths.
/// </summary>
public sealed class ImportPathGuard(IOptions<VideoImportOptions> options, DataPaths paths)
{
    private const int MaxLinks = 40;

    /// <summary>The file to read, at its real location; throws <see cref="VideoImportException"/> naming the broken rule.</summary>
    public FileInfo Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Refuse(path, "no path was given");
        }

        if (path.Any(char.IsControl))
        {
            throw Refuse(path, "the path contains control characters");
        }

        if (!Path.IsPathFullyQualified(path))
        {
            throw Refuse(path, "the path must be absolute");
        }

        if (path.Split('/', '\\').Contains(".."))
        {
            throw Refuse(path, "the path must not contain '..'");
        }

        var configured = options.Value.Roots.Select(r => Path.GetFullPath(r, paths.Root)).ToList();
        if (configured.Count == 0)
        {
            throw Refuse(path, $"server-path imports are off ({VideoImportOptions.Section}:Roots is empty)");
        }

        var lexical = Path.GetFullPath(path);
        var real = RealPath(lexical);
        var realRoots = configured.Select(RealPath).ToList();
        if (!realRoots.Any(root => IsUnder(real, root)))
        {
            var throughLink = configured.Concat(realRoots).Any(root => IsUnder(lexical, root));
            throw Refuse(path, throughLink
                ? $"it is reached through a symbolic link that leads outside the import roots (setting {VideoImportOptions.Section}:Roots)"
                : $"it is outside the import roots (setting {VideoImportOptions.Section}:Roots)");
        }

        var kind = FileKinds.Of(real);
        if (kind != FileKind.Regular)
        {
            throw Refuse(path, kind == FileKind.Missing ? "no such file" : $"it is {FileKinds.Describe(kind)}, not a regular file");
        }

        return new FileInfo(real);
    }

    private static VideoImportException Refuse(string path, string rule) => new($"'{path}' was refused: {rule}.");

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>
    /// realpath(3) without the C library: walks the path one component at a time and splices in each link's target,
    /// so a link anywhere along the way (not only the last component) is seen. Parts that do not exist stay as they are.
    /// </summary>
    private static string RealPath(string fullPath)
    {
        var pending = new LinkedList<string>(fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var links = 0;
        while (pending.First is { } node)
        {
            var part = node.Value;
            pending.RemoveFirst();
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = current == "/" ? "/" + part : current + "/" + part;
            if (FileKinds.Of(next) != FileKind.SymbolicLink || new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new VideoImportException($"'{fullPath}' was refused: it goes through more than {MaxLinks} symbolic links (a loop?).");
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }

            foreach (var targetPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(targetPart);
            }
        }

        return current;
    }
}
