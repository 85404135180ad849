import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** A tree size: how many events, 1 up (there is no proof about an empty tree). */
const TreeSize = (): PropertyDecorator => (target, key) => {
  Type(() => Number)(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(Number.MAX_SAFE_INTEGER)(target, key);
};

export class InclusionProofRequest {
  @ApiProperty({ description: "The event's position (the cursor the API shows)", example: '12' })
  @IsString() @MaxLength(20) position!: string;
  @ApiProperty({ description: 'The size of the tree to prove it in: a signed checkpoint’s tree size', example: 14 })
  @TreeSize() treeSize!: number;
}

export class ConsistencyProofRequest {
  @ApiProperty({ description: 'The smaller tree size (a checkpoint you hold)', example: 500 }) @TreeSize() from!: number;
  @ApiProperty({ description: 'The larger tree size', example: 1000 }) @TreeSize() to!: number;
}

export class CosignatureRequest {
  @ApiProperty({
    description: 'The C2SP tlog-cosignature/v1 signature line over the checkpoint: `— <witness name> <base64>`',
    example: '— witness.example.org/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==',
  })
  @IsString() @IsNotEmpty() @MaxLength(1000) cosignature!: string;
  @ApiProperty({ description: "The witness's C2SP verifier key (type 0x04) the line verifies with", example: 'witness.example.org/w1+8d5b9c1f+BCx…' })
  @IsString() @IsNotEmpty() @MaxLength(1000) witnessKey!: string;
}
