import { z } from 'zod';
import { JSON_DATA_MAX_DEPTH, nestsDeeperThan } from '../../domain/json-depth';

/**
 * A free-form JSON object a caller fills (event `data`, policy `context`): at most `maxBytes` as JSON
 * and JSON_DATA_MAX_DEPTH levels deep. The depth is checked first, without recursion, and stops
 * validation, so the size check's JSON.stringify never meets a value nested deeper. `x-maxDepth`
 * tells generated clients and the fuzzer what JSON Schema has no keyword for.
 */
export const boundedJson = (maxBytes: number, what: string) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => !nestsDeeperThan(value, JSON_DATA_MAX_DEPTH), {
      message: `must nest at most ${JSON_DATA_MAX_DEPTH} levels of objects and arrays`,
      abort: true,
    })
    .refine(
      (value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes,
      `must be at most ${maxBytes} bytes as JSON`,
    )
    .meta({
      description: `${what}: at most ${maxBytes} bytes as JSON and ${JSON_DATA_MAX_DEPTH} levels of objects and arrays`,
      'x-maxDepth': JSON_DATA_MAX_DEPTH,
    });
