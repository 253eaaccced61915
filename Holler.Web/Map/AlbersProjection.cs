namespace Holler.Web.Map;

/// <summary>
/// Albers equal-area conic projection (standard parallels 29.5°N and 45.5°N, centred on 96°W): the usual one for maps
/// of the US and southern Canada. Returns unit-sphere coordinates with y pointing down, as SVG wants.
/// </summary>
public sealed class AlbersProjection
{
    private readonly double _n, _c, _rho0, _lambda0;

    public AlbersProjection(double parallel1 = 29.5, double parallel2 = 45.5, double originLat = 37.5, double originLon = -96)
    {
        var p1 = Rad(parallel1);
        var p2 = Rad(parallel2);
        _n = (Math.Sin(p1) + Math.Sin(p2)) / 2;
        _c = Math.Cos(p1) * Math.Cos(p1) + 2 * _n * Math.Sin(p1);
        _rho0 = Math.Sqrt(_c - 2 * _n * Math.Sin(Rad(originLat))) / _n;
        _lambda0 = Rad(originLon);
    }

    public (double X, double Y) Project(double longitude, double latitude)
    {
        var rho = Math.Sqrt(_c - 2 * _n * Math.Sin(Rad(latitude))) / _n;
        var theta = _n * (Rad(longitude) - _lambda0);
        return (rho * Math.Sin(theta), -(_rho0 - rho * Math.Cos(theta)));
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;
}
