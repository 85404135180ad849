import { tracingSettingsOf } from './tracing.js';

describe('tracing from OpenTelemetry’s environment variables', () => {
  it('is off when nothing asks for it: no collector is assumed', () => {
    expect(tracingSettingsOf({})).toBeUndefined();
    expect(tracingSettingsOf({ OTEL_SERVICE_NAME: 'ledger-eu' })).toBeUndefined();
  });

  it('is on with an OTLP endpoint (all signals or traces only) or OTEL_TRACES_EXPORTER=otlp, named deal-ledger unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ serviceName: 'deal-ledger', exporter: 'otlp' });
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces', OTEL_SERVICE_NAME: 'ledger-eu' })).toEqual({
      serviceName: 'ledger-eu',
      exporter: 'otlp',
    });
    expect(tracingSettingsOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({ serviceName: 'deal-ledger', exporter: 'otlp' });
  });

  it('is off with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true, even with an endpoint', () => {
    expect(tracingSettingsOf({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(tracingSettingsOf({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBeUndefined();
  });

  it('refuses at start what it cannot honour, naming the variable: another exporter, another protocol', () => {
    expect(() => tracingSettingsOf({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER.*zipkin/);
    expect(() => tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL.*grpc/);
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBeDefined();
  });
});
