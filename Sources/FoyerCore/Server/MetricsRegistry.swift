import Metrics
import Prometheus

/// The process-wide Prometheus registry; swift-metrics can be bootstrapped only once per process.
public enum MetricsRegistry {
    public static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
