-- CreateTable
CREATE TABLE "CryptoDevice" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "keys" TEXT NOT NULL,
    "toDeviceSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CryptoDevice_pkey" PRIMARY KEY ("userId","deviceId")
);

-- CreateTable
CREATE TABLE "OneTimeKey" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "OneTimeKey_pkey" PRIMARY KEY ("userId","deviceId","keyId")
);

-- CreateTable
CREATE TABLE "FallbackKey" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "used" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "FallbackKey_pkey" PRIMARY KEY ("userId","deviceId","algorithm")
);

-- CreateTable
CREATE TABLE "ToDeviceMessage" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "senderId" TEXT NOT NULL,
    "senderDevice" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ToDeviceMessage_pkey" PRIMARY KEY ("userId","deviceId","seq")
);

-- CreateTable
CREATE TABLE "ToDeviceTxn" (
    "sessionId" TEXT NOT NULL,
    "txnId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ToDeviceTxn_pkey" PRIMARY KEY ("sessionId","txnId")
);

-- CreateTable
CREATE TABLE "DeviceListChange" (
    "seq" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceListChange_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "CryptoDevice_sessionId_key" ON "CryptoDevice"("sessionId");

-- CreateIndex
CREATE INDEX "OneTimeKey_userId_deviceId_algorithm_idx" ON "OneTimeKey"("userId", "deviceId", "algorithm");

-- CreateIndex
CREATE INDEX "DeviceListChange_userId_idx" ON "DeviceListChange"("userId");

-- AddForeignKey
ALTER TABLE "CryptoDevice" ADD CONSTRAINT "CryptoDevice_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneTimeKey" ADD CONSTRAINT "OneTimeKey_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice"("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FallbackKey" ADD CONSTRAINT "FallbackKey_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice"("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ToDeviceMessage" ADD CONSTRAINT "ToDeviceMessage_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice"("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ToDeviceTxn" ADD CONSTRAINT "ToDeviceTxn_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

