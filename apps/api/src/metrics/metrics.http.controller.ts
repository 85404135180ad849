import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LedgerMetrics } from './ledger-metrics.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

@ApiTags('health')
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: LedgerMetrics) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics: ledger_component_up{component}, ledger_component_restarts_total{component}, ledger_read_model_lag_events',
  })
  @ApiProduces(PROMETHEUS_TEXT)
  @ApiOkResponse({ description: 'The Prometheus text format', content: { [PROMETHEUS_TEXT]: { schema: { type: 'string' } } } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, text } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType);
    return text;
  }
}
