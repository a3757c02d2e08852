"""Partner matching: complementary, capacity-aware, explained.

Pure: organisations (with their delegates' languages) in, scored and assigned
recommendations out. The screening gate and storage live in services.
"""
