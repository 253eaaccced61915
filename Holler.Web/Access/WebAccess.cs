namespace Holler.Web.Access;

/// <summary>
/// The node's current access settings. Whether sign-in is required and which provider is used are fixed at start;
/// users, roles and lockout are replaced when the settings file changes (<see cref="Replace"/>), so a removed user or a
/// changed role takes effect without a restart.
/// </summary>
public sealed class WebAccess(WebAccessSettings initial)
{
    private volatile WebAccessSettings _current = initial;

    public WebAccessSettings Current => _current;

    public bool SignInRequired { get; } = initial.SignInRequired;

    public void Replace(WebAccessSettings next) => _current = next;
}
